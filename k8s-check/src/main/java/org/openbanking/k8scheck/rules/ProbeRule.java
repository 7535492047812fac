package org.openbanking.k8scheck.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openbanking.k8scheck.Overlay;
import org.openbanking.k8scheck.model.Tree;
import org.openbanking.k8scheck.model.Workload;
import org.openbanking.k8scheck.source.QuarkusService;

/**
 * Every container has liveness, readiness and startup probes, and HTTP probes hit the health endpoint of their kind
 * that the service really serves, on the port it really listens on: a Quarkus service's from its extensions and
 * configuration, Keycloak's on its management port.
 */
public final class ProbeRule implements Rule {

    private static final String RULE = "probe";
    private static final List<String> KINDS = List.of("livenessProbe", "readinessProbe", "startupProbe");

    @Override
    public void check(Overlay overlay) {
        for (Workload workload : overlay.manifests().workloads()) {
            for (Map<String, Object> container : workload.containers()) {
                for (String kind : KINDS) {
                    if (Tree.map(container, kind).isEmpty()) {
                        overlay.report(RULE, workload.ref(), "container " + container.get("name") + " has no " + kind);
                    }
                }
            }
            Map<String, Object> main = overlay.mainContainer(workload);
            Map<String, String> env = overlay.environment(workload).values();
            Optional<QuarkusService> service = overlay.service(workload.name());
            if (service.isPresent()) {
                QuarkusService.Health health = service.get().health(env);
                int httpPort = service.get().httpPort(env);
                if (workload.containerPort(httpPort) == null) {
                    overlay.report(RULE, workload.ref(), service.get().name() + " listens on " + httpPort
                            + " (quarkus.http.port), which is not a container port (it has " + workload.tcpPorts() + ")");
                }
                if (health == null) {
                    overlay.report(RULE, workload.ref(), service.get().name()
                            + " has no quarkus-smallrye-health, so it serves no health endpoint to probe");
                    continue;
                }
                expect(overlay, workload, main, health.port(), health.live(), health.ready(), health.started(),
                        health.all());
            } else if (workload.name().equals(Calls.KEYCLOAK)) {
                int port = Integer.parseInt(env.getOrDefault("KC_HTTP_MANAGEMENT_PORT", "9000"));
                String base = env.getOrDefault("KC_HTTP_MANAGEMENT_RELATIVE_PATH", "/");
                base = base.endsWith("/") ? base : base + "/";
                if (!"true".equals(env.get("KC_HEALTH_ENABLED")) && !builtWithHealth(overlay, main)) {
                    overlay.report(RULE, workload.ref(), "Keycloak's health endpoints are off: set KC_HEALTH_ENABLED=true "
                            + "(or use the image of k8s/images/Containerfile.keycloak, built with it)");
                }
                List<String> all = List.of(base + "health/live", base + "health/ready", base + "health/started");
                expect(overlay, workload, main, port, all.get(0), all.get(1), all.get(2), all);
            }
        }
    }

    private static void expect(Overlay overlay, Workload workload, Map<String, Object> container, int port, String live,
            String ready, String started, List<String> served) {
        Map<String, String> expected = Map.of("livenessProbe", live, "readinessProbe", ready, "startupProbe", started);
        for (String kind : KINDS) {
            Map<String, Object> probe = Tree.map(container, kind);
            if (probe.isEmpty()) {
                continue;
            }
            Map<String, Object> get = Tree.map(probe, "httpGet");
            if (get.isEmpty()) {
                overlay.report(RULE, workload.ref(), kind + " must be an httpGet on " + expected.get(kind));
                continue;
            }
            String path = String.valueOf(get.get("path"));
            Integer probePort = workload.containerPort(get.get("port"));
            if (probePort == null || probePort != port) {
                overlay.report(RULE, workload.ref(), kind + " port " + get.get("port")
                        + " is not where the health endpoints are served (port " + port + ")");
            }
            if (!served.contains(path)) {
                overlay.report(RULE, workload.ref(), kind + " path " + path + " is not served (health endpoints: "
                        + String.join(", ", served) + ")");
            } else if (!path.equals(expected.get(kind))) {
                overlay.report(RULE, workload.ref(), kind + " hits " + path + "; it must hit " + expected.get(kind)
                        + (kind.equals("livenessProbe")
                                ? " (a liveness probe on readiness restarts pods whenever a neighbour is down)"
                                : ""));
            }
        }
    }

    /** An image other than upstream Keycloak's is the one k8s/images/Containerfile.keycloak builds. */
    private static boolean builtWithHealth(Overlay overlay, Map<String, Object> container) {
        String image = String.valueOf(container.get("image"));
        Path dockerfile = overlay.repository().k8s().resolve("images/Containerfile.keycloak");
        if (image.startsWith("quay.io/keycloak/") || !Files.isRegularFile(dockerfile)) {
            return false;
        }
        try {
            return Files.readString(dockerfile).contains("KC_HEALTH_ENABLED=true");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
