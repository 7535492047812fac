package org.openbanking.k8scheck.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openbanking.k8scheck.Overlay;
import org.openbanking.k8scheck.model.Manifest;
import org.openbanking.k8scheck.model.Tree;
import org.openbanking.k8scheck.model.Workload;
import org.openbanking.k8scheck.source.Call;
import org.openbanking.k8scheck.source.QuarkusService;

/**
 * The connections the deployed code makes, derived from the sources and the manifests: each service's calls (its
 * REST clients and calling extensions, resolved through its container's environment) and Keycloak's (its database,
 * and its cluster peers when it runs more than one replica in production mode), each mapped through the Service its
 * host names to the pods and container port it reaches; a host that is no Service is outside the cluster.
 */
final class Calls {

    /** A connection between two workloads of the namespace, to a container port. */
    record Edge(Workload from, Workload to, int port, String purpose) {
    }

    /** A connection to something outside the cluster. */
    record External(Workload from, String host, int port, String purpose) {
    }

    /** A connection to a Service of another namespace of the cluster ({@code name.namespace.svc[.cluster.local]}). */
    record Elsewhere(Workload from, String namespace, String service, int port, String purpose) {
    }

    final List<Edge> edges = new ArrayList<>();
    final List<External> externals = new ArrayList<>();
    final List<Elsewhere> elsewhere = new ArrayList<>();

    /** Workloads whose calls this check knows without a Quarkus service's sources. */
    static final String KEYCLOAK = "keycloak";
    static final String POSTGRES = "postgres";

    private Calls() {
    }

    /** The calls of every workload; what cannot be resolved is reported under {@code rule}. */
    static Calls of(Overlay overlay, String rule) {
        Calls calls = new Calls();
        for (Workload workload : overlay.manifests().workloads()) {
            Optional<QuarkusService> service = overlay.service(workload.name());
            List<Call> made = new ArrayList<>();
            if (service.isPresent()) {
                made.addAll(service.get().calls(overlay.environment(workload).values(), new ArrayList<>()));
            } else if (workload.name().equals(KEYCLOAK)) {
                Map<String, String> env = overlay.environment(workload).values();
                if (env.containsKey("KC_DB_URL")) {
                    made.add(new Call(Call.Kind.DATASOURCE, "KC_DB_URL", "Keycloak's database (KC_DB_URL)",
                            env.get("KC_DB_URL")));
                }
                boolean devMode = Tree.list(overlay.mainContainer(workload), "args").contains("start-dev");
                if (!devMode && workload.replicas() > 1) {
                    // Production mode caches are clustered: JGroups over TCP and its failure detection port.
                    calls.edges.add(new Edge(workload, workload, 7800, "Keycloak cluster (JGroups)"));
                    calls.edges.add(new Edge(workload, workload, 57800, "Keycloak cluster (failure detection)"));
                }
            } else if (!workload.name().equals(POSTGRES)) {
                overlay.report(rule, workload.ref(), "the check does not know which calls this workload makes: "
                        + "add it to Calls (a Quarkus service is recognised by its module name)");
            }
            for (Call call : made) {
                calls.resolve(overlay, workload, call, rule);
            }
        }
        return calls;
    }

    private void resolve(Overlay overlay, Workload from, Call call, String rule) {
        String host = call.host();
        if (host == null) {
            overlay.report(rule, from.ref(), call.purpose() + " resolves to '" + call.url() + "', which is no URL");
            return;
        }
        if (host.equals("localhost") || host.startsWith("127.")) {
            overlay.report(rule, from.ref(), call.purpose() + " goes to " + call.url()
                    + ": localhost inside a pod is the pod itself");
            return;
        }
        Optional<String[]> other = otherNamespace(overlay, host);
        if (other.isPresent()) {
            elsewhere.add(new Elsewhere(from, other.get()[1], other.get()[0], call.port(), call.purpose()));
            return;
        }
        Optional<Manifest> service = service(overlay, host);
        if (service.isEmpty()) {
            externals.add(new External(from, host, call.port(), call.purpose()));
            return;
        }
        Map<String, Object> servicePort = null;
        for (Map<String, Object> port : Tree.maps(service.get().body(), "spec", "ports")) {
            if (port.get("port") instanceof Number n && n.intValue() == call.port()) {
                servicePort = port;
            }
        }
        if (servicePort == null) {
            overlay.report(rule, from.ref(), call.purpose() + " calls " + host + ":" + call.port() + ", but "
                    + service.get().ref() + " has no port " + call.port());
            return;
        }
        Object target = servicePort.containsKey("targetPort") ? servicePort.get("targetPort") : servicePort.get("port");
        for (Workload to : overlay.manifests().selectedBy(Tree.strings(service.get().body(), "spec", "selector"))) {
            Integer containerPort = to.containerPort(target);
            if (containerPort != null) {
                edges.add(new Edge(from, to, containerPort, call.purpose()));
            }
        }
    }

    /**
     * The Service and namespace a cluster name of another namespace designates ({@code name.ns.svc} or
     * {@code name.ns.svc.cluster.local}; a bare {@code name.ns} could as well be an outside host, so it is not taken).
     */
    static Optional<String[]> otherNamespace(Overlay overlay, String host) {
        String name = host.endsWith(".svc.cluster.local")
                ? host.substring(0, host.length() - ".cluster.local".length())
                : host;
        if (!name.endsWith(".svc")) {
            return Optional.empty();
        }
        String[] parts = name.substring(0, name.length() - ".svc".length()).split("\\.");
        if (parts.length != 2 || parts[1].equals(overlay.manifests().namespace())) {
            return Optional.empty();
        }
        return Optional.of(parts);
    }

    /** The Service a host name designates in this namespace (short, namespaced or fully qualified). */
    static Optional<Manifest> service(Overlay overlay, String host) {
        String namespace = overlay.manifests().namespace();
        String name = host;
        for (String suffix : List.of("." + namespace + ".svc.cluster.local", "." + namespace + ".svc",
                "." + namespace)) {
            if (name.endsWith(suffix)) {
                name = name.substring(0, name.length() - suffix.length());
                break;
            }
        }
        return overlay.manifests().find("Service", name);
    }
}
