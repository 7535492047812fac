package org.openbanking.k8scheck.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openbanking.k8scheck.model.Yaml;

/**
 * The part of Kubernetes' strategic merge patch that the manifests use: maps merge key by key, {@code null} deletes,
 * the lists Kubernetes merges by key (containers, env, volumes, ports, ...) merge element by element, every other list
 * is replaced. Patch directives ({@code $patch}, ...) are refused rather than misapplied.
 */
final class StrategicMerge {

    /** List fields merged by a key in the Kubernetes API (x-kubernetes-patch-merge-key), by field name. */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "ephemeralContainers", "name",
            "env", "name",
            "volumes", "name",
            "volumeMounts", "mountPath",
            "imagePullSecrets", "name",
            "topologySpreadConstraints", "topologyKey",
            "hostAliases", "ip");

    private StrategicMerge() {
    }

    @SuppressWarnings("unchecked")
    static void apply(Map<String, Object> target, Map<String, Object> patch, String where) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.startsWith("$")) {
                throw new RenderException(where + ": the patch directive " + key
                        + " is not supported by the Java renderer; use plain fields");
            }
            Object current = target.get(key);
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map<?, ?> patchMap && current instanceof Map<?, ?> currentMap) {
                apply((Map<String, Object>) currentMap, (Map<String, Object>) patchMap, where);
            } else if (value instanceof List<?> patchList && current instanceof List<?> currentList
                    && mergeKey(key, patchList) != null) {
                target.put(key, mergeList((List<Object>) currentList, (List<Object>) patchList,
                        mergeKey(key, patchList), where));
            } else {
                target.put(key, Yaml.copy(value));
            }
        }
    }

    private static String mergeKey(String field, List<?> patchList) {
        if (field.equals("ports")) {
            // Container ports merge by containerPort, Service ports by port.
            boolean containerPorts = patchList.stream()
                    .anyMatch(p -> p instanceof Map<?, ?> m && m.containsKey("containerPort"));
            return containerPorts ? "containerPort" : "port";
        }
        return MERGE_KEYS.get(field);
    }

    /** As kustomize merges: the patch's elements first (merged into their originals), then the other originals. */
    @SuppressWarnings("unchecked")
    private static List<Object> mergeList(List<Object> current, List<Object> patch, String key, String where) {
        List<Object> merged = new ArrayList<>();
        List<Object> rest = new ArrayList<>(current);
        for (Object element : patch) {
            if (!(element instanceof Map<?, ?> patchElement) || !patchElement.containsKey(key)) {
                throw new RenderException(where + ": a list element without its merge key '" + key + "'");
            }
            Map<String, Object> existing = null;
            for (Object candidate : rest) {
                if (candidate instanceof Map<?, ?> m && patchElement.get(key).equals(m.get(key))) {
                    existing = (Map<String, Object>) m;
                }
            }
            if (existing == null) {
                merged.add(Yaml.copy(element));
            } else {
                rest.remove(existing);
                apply(existing, (Map<String, Object>) patchElement, where);
                merged.add(existing);
            }
        }
        merged.addAll(rest);
        return merged;
    }
}
