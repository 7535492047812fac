package org.openbanking.k8scheck.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every object one overlay renders to. */
public final class Manifests {

    private final List<Manifest> all;

    public Manifests(List<Manifest> all) {
        this.all = List.copyOf(all);
    }

    public List<Manifest> all() {
        return all;
    }

    public List<Manifest> ofKind(String kind) {
        return all.stream().filter(m -> m.is(kind)).toList();
    }

    public Optional<Manifest> find(String kind, String name) {
        return all.stream().filter(m -> m.is(kind) && name.equals(m.name())).findFirst();
    }

    public List<Workload> workloads() {
        return all.stream().filter(Workload::isWorkload).map(Workload::new).toList();
    }

    public Optional<Workload> workload(String name) {
        return workloads().stream().filter(w -> w.name().equals(name)).findFirst();
    }

    /** The namespace the namespaced objects are in (the overlay's). */
    public String namespace() {
        return all.stream().map(Manifest::namespace).filter(n -> n != null).findFirst().orElse("default");
    }

    /** The labels a namespaceSelector sees on this namespace. */
    public Map<String, String> namespaceLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        find("Namespace", namespace()).ifPresent(ns -> labels.putAll(ns.labels()));
        labels.put("kubernetes.io/metadata.name", namespace());
        return labels;
    }

    /** A ConfigMap's or Secret's keys and (decoded) values, or empty when there is no such object. */
    public Optional<Map<String, String>> data(String kind, String name) {
        return find(kind, name).map(m -> {
            Map<String, String> data = new LinkedHashMap<>();
            Tree.strings(m.body(), "data").forEach((k, v) -> data.put(k,
                    kind.equals("Secret") ? decode(v) : v));
            data.putAll(Tree.strings(m.body(), "binaryData"));
            data.putAll(Tree.strings(m.body(), "stringData"));
            return data;
        });
    }

    /** The workloads whose pods a Service-style selector picks. */
    public List<Workload> selectedBy(Map<String, String> selector) {
        List<Workload> selected = new ArrayList<>();
        for (Workload workload : workloads()) {
            if (LabelSelector.matchesPlain(selector, workload.podLabels())) {
                selected.add(workload);
            }
        }
        return selected;
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return base64;
        }
    }
}
