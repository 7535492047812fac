package org.openbanking.k8scheck.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Deployment or StatefulSet, seen through its pod template. */
public record Workload(Manifest manifest) {

    public static boolean isWorkload(Manifest manifest) {
        return manifest.is("Deployment") || manifest.is("StatefulSet");
    }

    public String name() {
        return manifest.name();
    }

    public String ref() {
        return manifest.ref();
    }

    public Map<String, Object> podTemplate() {
        return Tree.map(manifest.body(), "spec", "template");
    }

    public Map<String, Object> podSpec() {
        return Tree.map(manifest.body(), "spec", "template", "spec");
    }

    public Map<String, String> podLabels() {
        return Tree.strings(manifest.body(), "spec", "template", "metadata", "labels");
    }

    public Map<String, String> podAnnotations() {
        return Tree.strings(manifest.body(), "spec", "template", "metadata", "annotations");
    }

    public List<Map<String, Object>> containers() {
        return Tree.maps(podSpec(), "containers");
    }

    /** Containers and init containers. */
    public List<Map<String, Object>> allContainers() {
        List<Map<String, Object>> all = new ArrayList<>(Tree.maps(podSpec(), "initContainers"));
        all.addAll(containers());
        return all;
    }

    public int replicas() {
        Object replicas = Tree.at(manifest.body(), "spec", "replicas");
        return replicas instanceof Number n ? n.intValue() : 1;
    }

    /** The container port a port reference (number or name) designates, or null. */
    public Integer containerPort(Object portRef) {
        for (Map<String, Object> container : containers()) {
            for (Map<String, Object> port : Tree.maps(container, "ports")) {
                Object number = port.get("containerPort");
                if (portRef instanceof Number n && number instanceof Number p && n.intValue() == p.intValue()) {
                    return p.intValue();
                }
                if (portRef instanceof String s && s.equals(port.get("name")) && number instanceof Number p) {
                    return p.intValue();
                }
            }
        }
        return null;
    }

    /** Every TCP port its containers declare. */
    public List<Integer> tcpPorts() {
        List<Integer> ports = new ArrayList<>();
        for (Map<String, Object> container : containers()) {
            for (Map<String, Object> port : Tree.maps(container, "ports")) {
                String protocol = Tree.string(port, "protocol");
                if ((protocol == null || protocol.equals("TCP")) && port.get("containerPort") instanceof Number p) {
                    ports.add(p.intValue());
                }
            }
        }
        return ports;
    }

    @Override
    public String toString() {
        return ref();
    }
}
