package org.openbanking.k8scheck.rules;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openbanking.k8scheck.Overlay;
import org.openbanking.k8scheck.model.Quantities;
import org.openbanking.k8scheck.model.Tree;
import org.openbanking.k8scheck.model.Workload;

/**
 * Every container has CPU and memory requests and limits, and the JVMs are sized from what was measured
 * (measured on the reference machine): a service's heap is set explicitly and its memory request covers that heap plus the ~102 MiB
 * a Quarkus service held beyond its 128 MiB heap under load (~230 MB RSS); Keycloak's covers its ~530 MB RSS.
 */
public final class ResourcesRule implements Rule {

    private static final String RULE = "resources";
    static final long MEASURED_QUARKUS_OFF_HEAP = 102L << 20;
    static final long MEASURED_KEYCLOAK_RSS = 530_000_000L;
    private static final Pattern XMX = Pattern.compile("(?:^|\\s)-Xmx(\\S+)");

    @Override
    public void check(Overlay overlay) {
        for (Workload workload : overlay.manifests().workloads()) {
            for (Map<String, Object> container : workload.allContainers()) {
                String name = "container " + container.get("name");
                for (String bound : new String[]{"requests", "limits"}) {
                    for (String resource : new String[]{"cpu", "memory"}) {
                        if (Tree.at(container, "resources", bound, resource) == null) {
                            overlay.report(RULE, workload.ref(), name + " has no " + resource + " " + bound);
                        }
                    }
                }
                for (String resource : new String[]{"cpu", "memory"}) {
                    BigDecimal request = Quantities.parse(Tree.at(container, "resources", "requests", resource));
                    BigDecimal limit = Quantities.parse(Tree.at(container, "resources", "limits", resource));
                    if (request != null && limit != null && limit.compareTo(request) < 0) {
                        overlay.report(RULE, workload.ref(), name + " has a " + resource + " limit below its request");
                    }
                }
            }
            BigDecimal memory = Quantities.parse(Tree.at(overlay.mainContainer(workload), "resources", "requests", "memory"));
            Map<String, String> env = overlay.environment(workload).values();
            if (overlay.service(workload.name()).isPresent()) {
                Long heap = heap(env.get("JAVA_OPTS"));
                if (heap == null) {
                    overlay.report(RULE, workload.ref(), "JAVA_OPTS must set the heap (-Xmx): "
                            + "a JVM left to its defaults grew to ~640 MB RSS under load (measured on the reference machine)");
                } else if (memory != null && memory.longValue() < heap + MEASURED_QUARKUS_OFF_HEAP) {
                    overlay.report(RULE, workload.ref(), "memory request " + Quantities.mebibytes(memory)
                            + "Mi is below the -Xmx heap (" + (heap >> 20) + "Mi) plus the measured ~102Mi off-heap");
                }
            } else if (workload.name().equals(Calls.KEYCLOAK)) {
                if (heap(env.get("JAVA_OPTS_KC_HEAP")) == null) {
                    overlay.report(RULE, workload.ref(), "JAVA_OPTS_KC_HEAP must set Keycloak's heap (-Xmx)");
                }
                if (memory != null && memory.longValue() < MEASURED_KEYCLOAK_RSS) {
                    overlay.report(RULE, workload.ref(), "memory request " + Quantities.mebibytes(memory)
                            + "Mi is below Keycloak's measured ~530 MB RSS");
                }
            }
        }
    }

    private static Long heap(String options) {
        if (options == null) {
            return null;
        }
        Matcher m = XMX.matcher(options);
        Long heap = null;
        while (m.find()) {
            heap = Quantities.jvmSize(m.group(1));
        }
        return heap;
    }
}
