package org.openbanking.k8scheck.render;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.openbanking.k8scheck.model.Manifest;

/** Which renderer to use, and how two renderings are compared (per object, semantically). */
public final class Renderers {

    private Renderers() {
    }

    /** kubectl where it exists (what operators run), otherwise the Java renderer. */
    public static Renderer preferred() {
        return KubectlRenderer.onPath().<Renderer>map(r -> r).orElseGet(JavaKustomize::new);
    }

    /** The differences between two renderings, object by object; empty when they are the same. */
    public static List<String> differences(String leftName, List<Manifest> left, String rightName, List<Manifest> right) {
        Map<String, Manifest> l = byKey(left);
        Map<String, Manifest> r = byKey(right);
        List<String> differences = new ArrayList<>();
        for (String key : new TreeSet<>(l.keySet())) {
            if (!r.containsKey(key)) {
                differences.add(key + ": only in " + leftName);
            } else {
                String path = firstDifference(normalize(l.get(key).body()), normalize(r.get(key).body()), "");
                if (path != null) {
                    differences.add(key + ": differs at " + path);
                }
            }
        }
        for (String key : new TreeSet<>(r.keySet())) {
            if (!l.containsKey(key)) {
                differences.add(key + ": only in " + rightName);
            }
        }
        return differences;
    }

    private static Map<String, Manifest> byKey(List<Manifest> manifests) {
        Map<String, Manifest> byKey = new TreeMap<>();
        for (Manifest manifest : manifests) {
            byKey.put(manifest.key(), manifest);
        }
        return byKey;
    }

    /** Numbers compared by value, whatever Java type the YAML loader chose. */
    private static Object normalize(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> normalized = new TreeMap<>();
            map.forEach((k, v) -> normalized.put(String.valueOf(k), normalize(v)));
            return normalized;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Renderers::normalize).toList();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return new BigDecimal(value.toString());
        }
        return value;
    }

    private static String firstDifference(Object a, Object b, String path) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            for (Object key : new TreeSet<Object>(union(ma.keySet(), mb.keySet()))) {
                String found = firstDifference(ma.get(key), mb.get(key), path + "." + key);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return path + " (" + la.size() + " vs " + lb.size() + " elements)";
            }
            for (int i = 0; i < la.size(); i++) {
                String found = firstDifference(la.get(i), lb.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (a instanceof BigDecimal da && b instanceof BigDecimal db) {
            return da.compareTo(db) == 0 ? null : path + " (" + a + " vs " + b + ")";
        }
        return Objects.equals(a, b) ? null : path + " (" + abbreviate(a) + " vs " + abbreviate(b) + ")";
    }

    private static List<Object> union(Set<?> a, Set<?> b) {
        List<Object> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
