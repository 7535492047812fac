package org.openbanking.k8scheck.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.openbanking.k8scheck.Overlay;
import org.openbanking.k8scheck.model.Environment;
import org.openbanking.k8scheck.model.LabelSelector;
import org.openbanking.k8scheck.model.Manifest;
import org.openbanking.k8scheck.model.Manifests;
import org.openbanking.k8scheck.model.Tree;
import org.openbanking.k8scheck.model.Workload;

/**
 * References between objects hold: selectors pick pods, Service target ports are container ports, Ingress backends
 * and autoscaler targets exist, and every ConfigMap, Secret and key a pod reads exists.
 */
public final class ReferenceRule implements Rule {

    private static final String RULE = "reference";

    @Override
    public void check(Overlay overlay) {
        Manifests manifests = overlay.manifests();
        for (Workload workload : manifests.workloads()) {
            Map<String, Object> selector = Tree.map(workload.manifest().body(), "spec", "selector");
            if (!LabelSelector.matches(selector, workload.podLabels())) {
                overlay.report(RULE, workload.ref(), "spec.selector " + selector + " does not match its pod template's labels "
                        + workload.podLabels());
            }
            if (workload.manifest().is("StatefulSet")) {
                String serviceName = Tree.string(workload.manifest().body(), "spec", "serviceName");
                if (serviceName != null && manifests.find("Service", serviceName).isEmpty()) {
                    overlay.report(RULE, workload.ref(), "serviceName " + serviceName + " names no Service");
                }
            }
            podReferences(overlay, workload);
        }
        for (Manifest service : manifests.ofKind("Service")) {
            services(overlay, service);
        }
        for (Manifest ingress : manifests.ofKind("Ingress")) {
            for (Map<String, Object> backend : NetworkRule.backends(ingress)) {
                String name = Tree.string(backend, "service", "name");
                Optional<Manifest> service = manifests.find("Service", String.valueOf(name));
                if (service.isEmpty()) {
                    overlay.report(RULE, ingress.ref(), "backend service " + name + " does not exist");
                    continue;
                }
                Object number = Tree.at(backend, "service", "port", "number");
                Object portName = Tree.at(backend, "service", "port", "name");
                boolean found = Tree.maps(service.get().body(), "spec", "ports").stream()
                        .anyMatch(p -> number != null && number.equals(p.get("port"))
                                || portName != null && portName.equals(p.get("name")));
                if (!found) {
                    overlay.report(RULE, ingress.ref(), "backend port " + (number != null ? number : portName)
                            + " is not a port of Service " + name);
                }
            }
        }
        for (Manifest hpa : manifests.ofKind("HorizontalPodAutoscaler")) {
            String kind = Tree.string(hpa.body(), "spec", "scaleTargetRef", "kind");
            String name = Tree.string(hpa.body(), "spec", "scaleTargetRef", "name");
            if (manifests.find(String.valueOf(kind), String.valueOf(name)).isEmpty()) {
                overlay.report(RULE, hpa.ref(), "scaleTargetRef " + kind + "/" + name + " does not exist");
            }
        }
        for (Manifest pdb : manifests.ofKind("PodDisruptionBudget")) {
            Map<String, Object> selector = Tree.map(pdb.body(), "spec", "selector");
            if (manifests.workloads().stream().noneMatch(w -> LabelSelector.matches(selector, w.podLabels()))) {
                overlay.report(RULE, pdb.ref(), "selector " + selector + " selects no pod");
            }
        }
        for (Manifest policy : manifests.ofKind("NetworkPolicy")) {
            Map<String, Object> podSelector = Tree.map(policy.body(), "spec", "podSelector");
            if (!podSelector.isEmpty() && selectsNothing(manifests, podSelector)) {
                overlay.report(RULE, policy.ref(), "podSelector " + podSelector + " selects no pod");
            }
            for (String direction : List.of("ingress", "egress")) {
                for (Map<String, Object> rule : Tree.maps(policy.body(), "spec", direction)) {
                    for (Map<String, Object> peer : Tree.maps(rule, direction.equals("ingress") ? "from" : "to")) {
                        Map<String, Object> selector = Tree.map(peer, "podSelector");
                        if (!peer.containsKey("namespaceSelector") && !selector.isEmpty()
                                && selectsNothing(manifests, selector)) {
                            overlay.report(RULE, policy.ref(), direction + " peer podSelector " + selector + " selects no pod");
                        }
                    }
                }
            }
        }
    }

    private static boolean selectsNothing(Manifests manifests, Map<String, Object> selector) {
        return manifests.workloads().stream().noneMatch(w -> LabelSelector.matches(selector, w.podLabels()));
    }

    private static void services(Overlay overlay, Manifest service) {
        Map<String, String> selector = Tree.strings(service.body(), "spec", "selector");
        List<Workload> selected = overlay.manifests().selectedBy(selector);
        if (selected.isEmpty()) {
            overlay.report(RULE, service.ref(), "selector " + selector + " matches no pod template (pods are labelled "
                    + overlay.manifests().workloads().stream().map(w -> w.name() + " " + w.podLabels())
                            .collect(Collectors.joining("; "))
                    + ")");
            return;
        }
        for (Map<String, Object> port : Tree.maps(service.body(), "spec", "ports")) {
            Object target = port.containsKey("targetPort") ? port.get("targetPort") : port.get("port");
            for (Workload workload : selected) {
                if (workload.containerPort(target) == null) {
                    overlay.report(RULE, service.ref(), "port " + port.get("port") + " targets " + target
                            + ", which is not a container port of " + workload.ref() + " (it has "
                            + workload.tcpPorts() + ")");
                }
            }
        }
    }

    private static void podReferences(Overlay overlay, Workload workload) {
        Manifests manifests = overlay.manifests();
        for (Map<String, Object> container : workload.allContainers()) {
            for (String problem : Environment.of(container, manifests).problems()) {
                overlay.report(RULE, workload.ref(), "container " + container.get("name") + ": " + problem);
            }
        }
        Set<String> volumes = Tree.maps(workload.podSpec(), "volumes").stream().map(v -> String.valueOf(v.get("name")))
                .collect(Collectors.toSet());
        for (Map<String, Object> template : Tree.maps(workload.manifest().body(), "spec", "volumeClaimTemplates")) {
            volumes.add(Tree.string(template, "metadata", "name"));
        }
        for (Map<String, Object> container : workload.allContainers()) {
            for (Map<String, Object> mount : Tree.maps(container, "volumeMounts")) {
                if (!volumes.contains(String.valueOf(mount.get("name")))) {
                    overlay.report(RULE, workload.ref(), "container " + container.get("name") + " mounts volume "
                            + mount.get("name") + ", which the pod does not define");
                }
            }
        }
        for (Map<String, Object> volume : Tree.maps(workload.podSpec(), "volumes")) {
            volumeSource(overlay, workload, volume, "ConfigMap", Tree.map(volume, "configMap"), "name");
            volumeSource(overlay, workload, volume, "Secret", Tree.map(volume, "secret"), "secretName");
        }
    }

    private static void volumeSource(Overlay overlay, Workload workload, Map<String, Object> volume, String kind,
            Map<String, Object> source, String nameField) {
        if (source.isEmpty() || Tree.isTrue(source, "optional")) {
            return;
        }
        String name = Tree.string(source, nameField);
        Optional<Map<String, String>> data = overlay.manifests().data(kind, String.valueOf(name));
        if (data.isEmpty()) {
            overlay.report(RULE, workload.ref(), "volume " + volume.get("name") + " names " + kind + " " + name
                    + ", which does not exist");
            return;
        }
        for (Map<String, Object> item : Tree.maps(source, "items")) {
            if (!data.get().containsKey(String.valueOf(item.get("key")))) {
                overlay.report(RULE, workload.ref(), "volume " + volume.get("name") + " names key " + item.get("key")
                        + " of " + kind + " " + name + ", which has no such key");
            }
        }
    }
}
