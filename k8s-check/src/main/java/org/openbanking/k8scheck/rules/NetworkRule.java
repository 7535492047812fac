package org.openbanking.k8scheck.rules;

import java.util.ArrayList;
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
 * NetworkPolicies allow exactly the calls the code makes: every pair of workloads and container port is either
 * needed by a call (and must be allowed) or not (and must be denied); from outside the namespace only the Ingress's
 * backends are reachable; to outside only DNS, the Services of other namespaces the code calls (by namespace, on
 * their port) and the external hosts the code calls (by IP range).
 */
public final class NetworkRule implements Rule {

    static final String RULE = "network";
    private static final Map<String, String> KUBE_DNS_NAMESPACE = Map.of("kubernetes.io/metadata.name", "kube-system");
    private static final Map<String, String> KUBE_DNS_POD = Map.of("k8s-app", "kube-dns");
    private static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

    @Override
    public void check(Overlay overlay) {
        PolicyModel model = new PolicyModel(overlay.manifests());
        Calls calls = Calls.of(overlay, RULE);
        for (Workload workload : overlay.manifests().workloads()) {
            for (String direction : List.of("Ingress", "Egress")) {
                if (model.selecting(workload, direction).isEmpty()) {
                    overlay.report(RULE, workload.ref(), "no NetworkPolicy restricts its " + direction.toLowerCase()
                            + ": it is open to everything (deny by default is missing)");
                }
            }
        }
        insideTheNamespace(overlay, model, calls);
        fromOutside(overlay, model);
        toOutside(overlay, model, calls);
    }

    /** Between the namespace's pods: allowed exactly when some call needs it. */
    private static void insideTheNamespace(Overlay overlay, PolicyModel model, Calls calls) {
        Set<String> needed = new TreeSet<>();
        for (Calls.Edge edge : calls.edges) {
            needed.add(edge.from().name() + "->" + edge.to().name() + ":" + edge.port());
            if (!model.allows(edge.from(), edge.to(), edge.port())) {
                overlay.report(RULE, edge.from().ref(), "calls " + edge.to().name() + " on port " + edge.port() + " ("
                        + edge.purpose() + "), but the NetworkPolicies do not allow it");
            }
        }
        List<Workload> workloads = overlay.manifests().workloads();
        for (Workload from : workloads) {
            for (Workload to : workloads) {
                for (int port : new TreeSet<>(to.tcpPorts())) {
                    if (!needed.contains(from.name() + "->" + to.name() + ":" + port) && model.allows(from, to, port)) {
                        overlay.report(RULE, from.ref(), "may connect to " + to.name() + " on port " + port
                                + ", but no call of " + from.name() + " needs it");
                    }
                }
            }
        }
    }

    /**
     * From outside the namespace: the Ingress's backends, and a service's management port (named {@code management}:
     * metrics for Prometheus, from its own namespace), and nothing else.
     */
    private static void fromOutside(Overlay overlay, PolicyModel model) {
        Set<String> exposed = exposedByIngress(overlay);
        for (Workload to : overlay.manifests().workloads()) {
            Integer management = to.containerPort("management");
            for (int port : new TreeSet<>(to.tcpPorts())) {
                boolean open = model.openFromOutside(to, port);
                boolean wanted = exposed.contains(to.name() + ":" + port);
                boolean scraped = management != null && management == port && !wanted;
                if (open && !wanted && !scraped) {
                    overlay.report(RULE, to.ref(), "port " + port
                            + " is reachable from outside the namespace, but the Ingress does not route to it");
                } else if (!open && wanted) {
                    overlay.report(RULE, to.ref(), "the Ingress routes to port " + port
                            + ", but the NetworkPolicies keep the ingress controller out");
                }
            }
        }
    }

    /** To outside the namespace: DNS for everyone, and the external hosts (databases) each workload calls. */
    private static void toOutside(Overlay overlay, PolicyModel model, Calls calls) {
        PolicyModel.Pod kubeDns = new PolicyModel.Pod(KUBE_DNS_POD, KUBE_DNS_NAMESPACE, null);
        for (Workload from : overlay.manifests().workloads()) {
            if (!model.egressAllows(from, kubeDns, 53, "UDP") || !model.egressAllows(from, kubeDns, 53, "TCP")) {
                overlay.report(RULE, from.ref(), "may not reach kube-dns on port 53 (UDP and TCP): it cannot resolve names");
            }
            Set<Integer> externalPorts = new TreeSet<>();
            for (Calls.External external : calls.externals) {
                if (external.from().name().equals(from.name())) {
                    externalPorts.add(external.port());
                    if (!externalAllowed(model, from, external.port())) {
                        overlay.report(RULE, from.ref(), "calls " + external.host() + ":" + external.port() + " ("
                                + external.purpose() + ") outside the cluster, but no NetworkPolicy lets it out "
                                + "(an egress rule with an ipBlock on that port)");
                    }
                }
            }
            Set<String> namespacePorts = new TreeSet<>();
            for (Calls.Elsewhere call : calls.elsewhere) {
                if (call.from().name().equals(from.name())) {
                    namespacePorts.add(call.namespace() + ":" + call.port());
                    if (!model.selecting(from, "Egress").isEmpty() && !namespaceAllowed(model, from, call)) {
                        overlay.report(RULE, from.ref(), "calls " + call.service() + " of namespace " + call.namespace()
                                + " on port " + call.port() + " (" + call.purpose() + "), but no NetworkPolicy lets it "
                                + "reach that namespace on that port");
                    }
                }
            }
            if (model.selecting(from, "Egress").isEmpty()) {
                continue;
            }
            for (PolicyModel.PolicyRule rule : model.rules(from, "Egress")) {
                List<Map<String, Object>> peers = rule.peers().isEmpty() ? List.of(Map.of()) : rule.peers();
                for (Map<String, Object> peer : peers) {
                    if (neededElsewhere(peer, rule, namespacePorts)) {
                        continue;
                    }
                    String problem = outsidePeerProblem(model, from, peer, rule, externalPorts, kubeDns);
                    if (problem != null) {
                        overlay.report(RULE, from.ref(), "NetworkPolicy " + rule.policy().name() + " " + problem);
                    }
                }
            }
        }
    }

    /** The pods and container ports the Ingress routes to, as "workload:port". */
    private static Set<String> exposedByIngress(Overlay overlay) {
        Set<String> exposed = new TreeSet<>();
        for (Manifest ingress : overlay.manifests().ofKind("Ingress")) {
            for (Map<String, Object> backend : backends(ingress)) {
                Object number = Tree.at(backend, "service", "port", "number");
                Object portRef = number != null ? number : Tree.at(backend, "service", "port", "name");
                String serviceName = String.valueOf(Tree.string(backend, "service", "name"));
                overlay.manifests().find("Service", serviceName).ifPresent(service -> {
                    for (Map<String, Object> port : Tree.maps(service.body(), "spec", "ports")) {
                        if (portRef == null || !(portRef.equals(port.get("port")) || portRef.equals(port.get("name")))) {
                            continue;
                        }
                        Object target = port.containsKey("targetPort") ? port.get("targetPort") : port.get("port");
                        for (Workload to : overlay.manifests().selectedBy(Tree.strings(service.body(), "spec", "selector"))) {
                            Integer containerPort = to.containerPort(target);
                            if (containerPort != null) {
                                exposed.add(to.name() + ":" + containerPort);
                            }
                        }
                    }
                });
            }
        }
        return exposed;
    }

    /** Why an egress peer that leaves the namespace is more than the calls need, or null when it is fine. */
    private static String outsidePeerProblem(PolicyModel model, Workload from, Map<String, Object> peer,
            PolicyModel.PolicyRule rule, Set<Integer> externalPorts, PolicyModel.Pod kubeDns) {
        if (peer.isEmpty()) {
            return "lets it connect to any destination" + ports(rule) + ": no call needs that";
        }
        if (peer.containsKey("ipBlock")) {
            String cidr = Tree.string(peer, "ipBlock", "cidr");
            if ("0.0.0.0/0".equals(cidr) || "::/0".equals(cidr)) {
                return "lets it connect to every address (" + cidr + "): name the database's range instead";
            }
            if (rule.ports().isEmpty()) {
                return "lets it connect to " + cidr + " on every port: name the port";
            }
            for (Map<String, Object> port : rule.ports()) {
                if (!(port.get("port") instanceof Number n) || port.get("endPort") != null
                        || !externalPorts.contains(n.intValue())) {
                    return "lets it connect to " + cidr + " on port " + port.get("port") + ", but no call of "
                            + from.name() + " goes outside the cluster on that port";
                }
            }
            return null;
        }
        if (peer.containsKey("namespaceSelector")) {
            if (model.peerMatches(peer, kubeDns)) {
                for (Map<String, Object> port : rule.ports()) {
                    if (!Integer.valueOf(53).equals(port.get("port"))) {
                        return "lets it reach kube-system on port " + port.get("port") + ", but only DNS (53) is needed";
                    }
                }
                if (rule.ports().isEmpty()) {
                    return "lets it reach kube-dns on every port, but only DNS (53) is needed";
                }
                if (!peer.containsKey("podSelector")) {
                    return "lets it reach every pod of kube-system on port 53: select k8s-app=kube-dns";
                }
                return null;
            }
            Map<String, Object> selector = Tree.map(peer, "namespaceSelector");
            return "lets it reach pods of other namespaces (" + (selector.isEmpty() ? "all" : selector)
                    + "), which no call needs";
        }
        return null;
    }

    /** An egress rule lets the call reach its namespace (selected by name) on its port. */
    private static boolean namespaceAllowed(PolicyModel model, Workload from, Calls.Elsewhere call) {
        for (PolicyModel.PolicyRule rule : model.rules(from, "Egress")) {
            for (Map<String, Object> peer : rule.peers()) {
                if (peer.containsKey("namespaceSelector") && LabelSelector.matches(Tree.map(peer, "namespaceSelector"),
                        Map.of(NAMESPACE_NAME, call.namespace()))
                        && PolicyModel.portMatches(rule.ports(), call.port(), "TCP", null)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A peer that selects a namespace by name, on ports only for calls of this workload to Services of that namespace:
     * exactly what those calls need.
     */
    private static boolean neededElsewhere(Map<String, Object> peer, PolicyModel.PolicyRule rule, Set<String> needed) {
        String namespace = Tree.string(peer, "namespaceSelector", "matchLabels", NAMESPACE_NAME);
        if (namespace == null || rule.ports().isEmpty()) {
            return false;
        }
        return rule.ports().stream().allMatch(
                port -> port.get("port") instanceof Number n && needed.contains(namespace + ":" + n.intValue()));
    }

    private static boolean externalAllowed(PolicyModel model, Workload from, int port) {
        if (model.selecting(from, "Egress").isEmpty()) {
            return true;
        }
        for (PolicyModel.PolicyRule rule : model.rules(from, "Egress")) {
            boolean peerOk = rule.peers().isEmpty() || rule.peers().stream().anyMatch(p -> p.containsKey("ipBlock"));
            if (peerOk && PolicyModel.portMatches(rule.ports(), port, "TCP", null)) {
                return true;
            }
        }
        return false;
    }

    private static String ports(PolicyModel.PolicyRule rule) {
        if (rule.ports().isEmpty()) {
            return " on every port";
        }
        List<String> ports = new ArrayList<>();
        rule.ports().forEach(p -> ports.add(String.valueOf(p.get("port"))));
        return " on port " + String.join(", ", ports);
    }

    static List<Map<String, Object>> backends(Manifest ingress) {
        List<Map<String, Object>> backends = new ArrayList<>();
        Map<String, Object> defaultBackend = Tree.map(ingress.body(), "spec", "defaultBackend");
        if (!defaultBackend.isEmpty()) {
            backends.add(defaultBackend);
        }
        for (Map<String, Object> rule : Tree.maps(ingress.body(), "spec", "rules")) {
            for (Map<String, Object> path : Tree.maps(rule, "http", "paths")) {
                backends.add(Tree.map(path, "backend"));
            }
        }
        return backends;
    }
}
