package org.openbanking.k8scheck.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.openbanking.k8scheck.Overlay;
import org.openbanking.k8scheck.model.LabelSelector;
import org.openbanking.k8scheck.model.Manifest;
import org.openbanking.k8scheck.model.Tree;
import org.openbanking.k8scheck.model.Workload;

/**
 * The shape each overlay promises: one Ingress exposing only the gateway (the one public edge) and Keycloak (logins
 * and tokens); dev with a single replica of everything; every other overlay with at least two replicas of the
 * services and Keycloak, each under a disruption budget that lets a drain proceed, the gateway autoscaled, and TLS on
 * every Ingress host.
 */
public final class ShapeRule implements Rule {

    private static final String RULE = "shape";
    static final Set<String> PUBLIC = Set.of("gateway", Calls.KEYCLOAK);

    @Override
    public void check(Overlay overlay) {
        List<Manifest> ingresses = overlay.manifests().ofKind("Ingress");
        if (ingresses.size() != 1) {
            overlay.report(RULE, "Ingress", "expected exactly one Ingress, found " + ingresses.size());
        }
        if (overlay.manifests().workload(Calls.KEYCLOAK).isEmpty()) {
            overlay.report(RULE, "keycloak", "no Keycloak Deployment in this overlay");
        }
        for (Manifest ingress : ingresses) {
            for (Map<String, Object> backend : NetworkRule.backends(ingress)) {
                String service = Tree.string(backend, "service", "name");
                if (!PUBLIC.contains(service)) {
                    overlay.report(RULE, ingress.ref(), "exposes " + service + "; only " + new TreeSet<>(PUBLIC)
                            + " may be reached from outside");
                }
            }
        }
        if (overlay.isDev()) {
            for (Workload workload : overlay.manifests().workloads()) {
                if (workload.replicas() != 1) {
                    overlay.report(RULE, workload.ref(), "dev runs a single replica, found " + workload.replicas());
                }
            }
            return;
        }
        for (Workload workload : overlay.manifests().workloads()) {
            boolean ours = overlay.service(workload.name()).isPresent() || workload.name().equals(Calls.KEYCLOAK);
            if (!ours) {
                continue;
            }
            if (workload.replicas() < 2) {
                overlay.report(RULE, workload.ref(), "needs at least 2 replicas, found " + workload.replicas());
            }
            List<Manifest> budgets = overlay.manifests().ofKind("PodDisruptionBudget").stream()
                    .filter(b -> LabelSelector.matches(Tree.map(b.body(), "spec", "selector"), workload.podLabels()))
                    .toList();
            if (budgets.isEmpty()) {
                overlay.report(RULE, workload.ref(), "no PodDisruptionBudget covers it");
            }
            for (Manifest budget : budgets) {
                Object minAvailable = Tree.at(budget.body(), "spec", "minAvailable");
                if (minAvailable instanceof Number n && n.intValue() >= workload.replicas()) {
                    overlay.report(RULE, budget.ref(), "minAvailable " + n + " with " + workload.replicas()
                            + " replicas blocks every node drain");
                }
            }
        }
        boolean gatewayScaled = overlay.manifests().ofKind("HorizontalPodAutoscaler").stream()
                .anyMatch(h -> "gateway".equals(Tree.string(h.body(), "spec", "scaleTargetRef", "name"))
                        && Tree.at(h.body(), "spec", "minReplicas") instanceof Number n && n.intValue() >= 2);
        if (!gatewayScaled) {
            overlay.report(RULE, "Deployment/gateway", "needs a HorizontalPodAutoscaler with minReplicas >= 2");
        }
        for (Manifest ingress : ingresses) {
            Set<String> covered = new TreeSet<>();
            Tree.maps(ingress.body(), "spec", "tls")
                    .forEach(t -> Tree.list(t, "hosts").forEach(h -> covered.add(String.valueOf(h))));
            for (Map<String, Object> rule : Tree.maps(ingress.body(), "spec", "rules")) {
                String host = Tree.string(rule, "host");
                if (host == null || !covered.contains(host)) {
                    overlay.report(RULE, ingress.ref(), "host " + host + " is served without TLS");
                }
            }
        }
    }
}
