package org.openbanking.k8scheck.rules;

import java.util.List;
import java.util.Map;

import org.openbanking.k8scheck.Overlay;
import org.openbanking.k8scheck.model.Tree;
import org.openbanking.k8scheck.model.Workload;

/**
 * Every pod runs locked down: not as root, no privilege escalation, every capability dropped, a read-only root
 * filesystem (with a writable /tmp for the services), the runtime's seccomp profile, no API token, no host namespaces.
 * A third-party workload that cannot run read-only must say why in the pod annotation {@value #WRITABLE_ROOT}; the
 * platform's own services never can.
 */
public final class SecurityRule implements Rule {

    public static final String WRITABLE_ROOT = "k8s-check.openbanking.org/writable-root-filesystem";
    private static final String RULE = "security";

    @Override
    public void check(Overlay overlay) {
        for (Workload workload : overlay.manifests().workloads()) {
            Map<String, Object> pod = workload.podSpec();
            Map<String, Object> podContext = Tree.map(pod, "securityContext");
            boolean service = overlay.service(workload.name()).isPresent();
            if (!Boolean.FALSE.equals(pod.get("automountServiceAccountToken"))) {
                overlay.report(RULE, workload.ref(),
                        "automountServiceAccountToken must be false: no pod here calls the Kubernetes API");
            }
            for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
                if (Tree.isTrue(pod, host)) {
                    overlay.report(RULE, workload.ref(), host + " must not be true");
                }
            }
            String writableReason = workload.podAnnotations().get(WRITABLE_ROOT);
            if (writableReason != null && service) {
                overlay.report(RULE, workload.ref(), "the platform's own services run on a read-only root filesystem; "
                        + WRITABLE_ROOT + " is for third-party images only");
            }
            for (Map<String, Object> container : workload.allContainers()) {
                String name = "container " + container.get("name");
                Map<String, Object> context = Tree.map(container, "securityContext");
                Object runAsNonRoot = context.containsKey("runAsNonRoot")
                        ? context.get("runAsNonRoot")
                        : podContext.get("runAsNonRoot");
                Object runAsUser = context.containsKey("runAsUser") ? context.get("runAsUser") : podContext.get("runAsUser");
                if (!Boolean.TRUE.equals(runAsNonRoot)) {
                    overlay.report(RULE, workload.ref(), name + " may run as root: set runAsNonRoot: true");
                }
                if (runAsUser instanceof Number uid && uid.intValue() == 0) {
                    overlay.report(RULE, workload.ref(), name + " runs as root (runAsUser: 0)");
                }
                if (!Boolean.FALSE.equals(context.get("allowPrivilegeEscalation"))) {
                    overlay.report(RULE, workload.ref(), name + " must set allowPrivilegeEscalation: false");
                }
                if (Tree.isTrue(context, "privileged")) {
                    overlay.report(RULE, workload.ref(), name + " must not be privileged");
                }
                if (!Tree.list(context, "capabilities", "drop").contains("ALL")) {
                    overlay.report(RULE, workload.ref(), name + " must drop ALL capabilities");
                }
                if (!Tree.list(context, "capabilities", "add").isEmpty()) {
                    overlay.report(RULE, workload.ref(),
                            name + " adds capabilities " + Tree.list(context, "capabilities", "add"));
                }
                String seccomp = Tree.string(context, "seccompProfile", "type") != null
                        ? Tree.string(context, "seccompProfile", "type")
                        : Tree.string(podContext, "seccompProfile", "type");
                if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
                    overlay.report(RULE, workload.ref(), name + " needs seccompProfile RuntimeDefault");
                }
                if (!Boolean.TRUE.equals(context.get("readOnlyRootFilesystem"))
                        && (service || writableReason == null || writableReason.isBlank())) {
                    overlay.report(RULE, workload.ref(), name + " must set readOnlyRootFilesystem: true");
                }
                if (service
                        && Tree.maps(container, "volumeMounts").stream().noneMatch(m -> "/tmp".equals(m.get("mountPath")))) {
                    overlay.report(RULE, workload.ref(),
                            name + " needs a writable /tmp (an emptyDir): the root filesystem is read-only");
                }
            }
        }
    }
}
