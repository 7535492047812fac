package org.openbanking.k8scheck.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment variables a container starts with, read from its {@code env} and {@code envFrom} and the
 * ConfigMaps and Secrets they name; every reference that does not resolve is a problem.
 */
public record Environment(Map<String, String> values, List<String> problems) {

    public static Environment of(Map<String, Object> container, Manifests manifests) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> from : Tree.maps(container, "envFrom")) {
            String prefix = Tree.string(from, "prefix") == null ? "" : Tree.string(from, "prefix");
            for (String kind : List.of("ConfigMap", "Secret")) {
                Map<String, Object> ref = Tree.map(from, kind.equals("ConfigMap") ? "configMapRef" : "secretRef");
                String name = Tree.string(ref, "name");
                if (name == null) {
                    continue;
                }
                Optional<Map<String, String>> data = manifests.data(kind, name);
                if (data.isEmpty()) {
                    if (!Tree.isTrue(ref, "optional")) {
                        problems.add("envFrom names " + kind + " " + name + ", which does not exist");
                    }
                    continue;
                }
                data.get().forEach((k, v) -> values.put(prefix + k, v));
            }
        }
        for (Map<String, Object> env : Tree.maps(container, "env")) {
            String name = Tree.string(env, "name");
            if (env.containsKey("value")) {
                values.put(name, Tree.string(env, "value") == null ? "" : Tree.string(env, "value"));
                continue;
            }
            for (String kind : List.of("ConfigMap", "Secret")) {
                Map<String, Object> ref = Tree.map(env, "valueFrom",
                        kind.equals("ConfigMap") ? "configMapKeyRef" : "secretKeyRef");
                if (ref.isEmpty()) {
                    continue;
                }
                String source = Tree.string(ref, "name");
                String key = Tree.string(ref, "key");
                Optional<Map<String, String>> data = manifests.data(kind, String.valueOf(source));
                if (data.isEmpty()) {
                    if (!Tree.isTrue(ref, "optional")) {
                        problems.add("env " + name + " names " + kind + " " + source + ", which does not exist");
                    }
                } else if (!data.get().containsKey(key)) {
                    if (!Tree.isTrue(ref, "optional")) {
                        problems.add("env " + name + " names key " + key + " of " + kind + " " + source
                                + ", which has no such key (it has " + String.join(", ", data.get().keySet()) + ")");
                    }
                } else {
                    values.put(name, data.get().get(key));
                }
            }
            if (Tree.map(env, "valueFrom").containsKey("fieldRef")
                    || Tree.map(env, "valueFrom").containsKey("resourceFieldRef")) {
                values.put(name, "(from the pod)");
            }
        }
        return new Environment(values, problems);
    }
}
