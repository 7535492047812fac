package org.openbanking.k8scheck.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Null-safe reads of a YAML tree: a missing step or a step of another shape gives an empty answer. */
public final class Tree {

    private Tree() {
    }

    public static Object at(Object tree, String... path) {
        Object current = tree;
        for (String step : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(step);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object tree, String... path) {
        Object value = at(tree, path);
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    /** The maps of a list (other elements are skipped). */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> maps(Object tree, String... path) {
        Object value = at(tree, path);
        List<Map<String, Object>> maps = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof Map<?, ?>) {
                    maps.add((Map<String, Object>) element);
                }
            }
        }
        return maps;
    }

    public static List<Object> list(Object tree, String... path) {
        Object value = at(tree, path);
        return value instanceof List<?> list ? new ArrayList<>(list) : List.of();
    }

    public static String string(Object tree, String... path) {
        Object value = at(tree, path);
        return value == null || value instanceof Map || value instanceof List ? null : String.valueOf(value);
    }

    /** A string-to-string map (labels, selectors, ConfigMap data); non-string values are rendered as text. */
    public static Map<String, String> strings(Object tree, String... path) {
        Map<String, String> strings = new LinkedHashMap<>();
        map(tree, path).forEach((k, v) -> strings.put(k, v == null ? "" : String.valueOf(v)));
        return strings;
    }

    public static boolean isTrue(Object tree, String... path) {
        return Boolean.TRUE.equals(at(tree, path));
    }

    /** The map at a path, created (with its parents) where missing. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> ensureMap(Map<String, Object> tree, String... path) {
        Map<String, Object> current = tree;
        for (String step : path) {
            Object next = current.get(step);
            if (!(next instanceof Map<?, ?>)) {
                next = new LinkedHashMap<String, Object>();
                current.put(step, next);
            }
            current = (Map<String, Object>) next;
        }
        return current;
    }
}
