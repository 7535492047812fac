package org.openbanking.k8scheck.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openbanking.k8scheck.model.LabelSelector;
import org.openbanking.k8scheck.model.Manifest;
import org.openbanking.k8scheck.model.Manifests;
import org.openbanking.k8scheck.model.Tree;
import org.openbanking.k8scheck.model.Workload;

/**
 * What the NetworkPolicies of one namespace let through, evaluated as Kubernetes does: a pod selected by no policy of
 * a direction is open in that direction; otherwise a connection needs a rule of some selecting policy whose peers
 * and ports admit it, on both ends (egress of the caller, ingress of the callee).
 */
final class PolicyModel {

    /** A pod somewhere: its labels and its namespace's labels. */
    record Pod(Map<String, String> labels, Map<String, String> namespaceLabels, Workload workload) {
    }

    /** One rule of one policy: its peers ({@code to} or {@code from}; empty means everyone) and ports. */
    record PolicyRule(Manifest policy, List<Map<String, Object>> peers, List<Map<String, Object>> ports) {
    }

    private final Manifests manifests;
    private final Map<String, String> namespaceLabels;

    PolicyModel(Manifests manifests) {
        this.manifests = manifests;
        this.namespaceLabels = manifests.namespaceLabels();
    }

    Pod inside(Workload workload) {
        return new Pod(workload.podLabels(), namespaceLabels, workload);
    }

    /** Whether a pod of {@code from} may open a TCP connection to {@code to} on a container port. */
    boolean allows(Workload from, Workload to, int port) {
        return egressAllows(from, inside(to), port, "TCP") && ingressAllows(to, inside(from), port);
    }

    /** The policies of one direction that select a workload's pods. */
    List<Manifest> selecting(Workload workload, String direction) {
        List<Manifest> selecting = new ArrayList<>();
        for (Manifest policy : manifests.ofKind("NetworkPolicy")) {
            if (LabelSelector.matches(Tree.map(policy.body(), "spec", "podSelector"), workload.podLabels())
                    && types(policy).contains(direction)) {
                selecting.add(policy);
            }
        }
        return selecting;
    }

    List<PolicyRule> rules(Workload workload, String direction) {
        List<PolicyRule> rules = new ArrayList<>();
        String field = direction.equals("Ingress") ? "ingress" : "egress";
        String peers = direction.equals("Ingress") ? "from" : "to";
        for (Manifest policy : selecting(workload, direction)) {
            for (Map<String, Object> rule : Tree.maps(policy.body(), "spec", field)) {
                rules.add(new PolicyRule(policy, Tree.maps(rule, peers), Tree.maps(rule, "ports")));
            }
        }
        return rules;
    }

    boolean egressAllows(Workload from, Pod destination, int port, String protocol) {
        if (selecting(from, "Egress").isEmpty()) {
            return true;
        }
        for (PolicyRule rule : rules(from, "Egress")) {
            if (portMatches(rule.ports(), port, protocol, destination.workload())
                    && (rule.peers().isEmpty() || rule.peers().stream().anyMatch(p -> peerMatches(p, destination)))) {
                return true;
            }
        }
        return false;
    }

    boolean ingressAllows(Workload to, Pod source, int port) {
        if (selecting(to, "Ingress").isEmpty()) {
            return true;
        }
        for (PolicyRule rule : rules(to, "Ingress")) {
            if (portMatches(rule.ports(), port, "TCP", to)
                    && (rule.peers().isEmpty() || rule.peers().stream().anyMatch(p -> peerMatches(p, source)))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a workload's port is open to anything outside the namespace (another namespace or an IP range). */
    boolean openFromOutside(Workload to, int port) {
        if (selecting(to, "Ingress").isEmpty()) {
            return true;
        }
        for (PolicyRule rule : rules(to, "Ingress")) {
            if (portMatches(rule.ports(), port, "TCP", to)
                    && (rule.peers().isEmpty() || rule.peers().stream().anyMatch(PolicyModel::reachesOutside))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a peer can stand for something outside this namespace. */
    static boolean reachesOutside(Map<String, Object> peer) {
        return peer.containsKey("ipBlock") || peer.containsKey("namespaceSelector");
    }

    boolean peerMatches(Map<String, Object> peer, Pod pod) {
        if (peer.containsKey("ipBlock")) {
            return false;
        }
        if (peer.containsKey("namespaceSelector")) {
            if (!LabelSelector.matches(Tree.map(peer, "namespaceSelector"), pod.namespaceLabels())) {
                return false;
            }
        } else if (!pod.namespaceLabels().equals(namespaceLabels)) {
            return false;
        }
        return !peer.containsKey("podSelector") || LabelSelector.matches(Tree.map(peer, "podSelector"), pod.labels());
    }

    /** Whether a rule's ports admit a port; named ports are looked up on the pod that owns them. */
    static boolean portMatches(List<Map<String, Object>> ports, int port, String protocol, Workload owner) {
        if (ports.isEmpty()) {
            return true;
        }
        for (Map<String, Object> entry : ports) {
            String p = Tree.string(entry, "protocol");
            if (!(p == null ? "TCP" : p).equals(protocol)) {
                continue;
            }
            Object value = entry.get("port");
            if (value == null) {
                return true;
            }
            if (value instanceof Number n) {
                Object end = entry.get("endPort");
                int last = end instanceof Number e ? e.intValue() : n.intValue();
                if (port >= n.intValue() && port <= last) {
                    return true;
                }
            } else if (owner != null) {
                Integer named = owner.containerPort(String.valueOf(value));
                if (named != null && named == port) {
                    return true;
                }
            }
        }
        return false;
    }

    static List<String> types(Manifest policy) {
        List<Object> declared = Tree.list(policy.body(), "spec", "policyTypes");
        if (!declared.isEmpty()) {
            return declared.stream().map(String::valueOf).toList();
        }
        return Tree.at(policy.body(), "spec", "egress") != null ? List.of("Ingress", "Egress") : List.of("Ingress");
    }
}
