package org.openbanking.k8scheck.source;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * A service's configuration as it stands in one profile ({@code %prod.} lines over plain ones), with SmallRye Config's
 * expressions ({@code ${NAME}}, {@code ${NAME:default}}, nested) expanded against a container's environment the way
 * Quarkus does at start: environment variables first (exact, then with non-alphanumerics as '_', then upper-cased),
 * then other properties, then the default. An empty value counts as missing, as in SmallRye Config.
 */
public final class QuarkusConfig {

    private final Map<String, String> effective;

    public QuarkusConfig(Properties properties, String profile) {
        Map<String, String> plain = new TreeMap<>();
        Map<String, String> profiled = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key);
            if (!key.startsWith("%")) {
                plain.put(key, value);
                continue;
            }
            int dot = key.indexOf('.');
            if (dot < 0) {
                continue;
            }
            for (String p : key.substring(1, dot).split(",")) {
                if (p.strip().equals(profile)) {
                    profiled.put(key.substring(dot + 1), value);
                }
            }
        }
        effective = new TreeMap<>(plain);
        effective.putAll(profiled);
    }

    /** The properties' names (as written, e.g. with quotes) in this profile. */
    public Set<String> keys() {
        return effective.keySet();
    }

    /** The raw (unexpanded) value of a property, or null. */
    public String raw(String key) {
        return effective.get(key);
    }

    /** The value a property gets in a container with this environment. */
    public Resolution resolve(String key, Map<String, String> env) {
        List<String> missing = new ArrayList<>();
        String fromEnv = lookupEnv(key, env);
        if (fromEnv != null) {
            return new Resolution(fromEnv, missing);
        }
        String raw = effective.get(key);
        if (raw == null) {
            return new Resolution(null, missing);
        }
        Set<String> visiting = new HashSet<>();
        visiting.add(key);
        String value = expand(raw, env, visiting, missing);
        return new Resolution(missing.isEmpty() ? value : null, missing);
    }

    /** Every property of this profile whose expansion needs environment variables the container lacks. */
    public Map<String, List<String>> unresolved(Map<String, String> env) {
        Map<String, List<String>> unresolved = new LinkedHashMap<>();
        for (String key : effective.keySet()) {
            Resolution resolution = resolve(key, env);
            if (!resolution.missing().isEmpty()) {
                unresolved.put(key, resolution.missing());
            }
        }
        return unresolved;
    }

    /** A property's value and the environment variables it needed but did not find. */
    public record Resolution(String value, List<String> missing) {
    }

    private String expand(String text, Map<String, String> env, Set<String> visiting, List<String> missing) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("\\${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = closing(text, i + 2);
                if (end < 0) {
                    out.append(text.substring(i));
                    break;
                }
                out.append(expression(text.substring(i + 2, end), env, visiting, missing));
                i = end + 1;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    private String expression(String inner, Map<String, String> env, Set<String> visiting, List<String> missing) {
        int colon = topLevelColon(inner);
        String name = expand(colon < 0 ? inner : inner.substring(0, colon), env, visiting, missing);
        String fallback = colon < 0 ? null : inner.substring(colon + 1);
        String value = lookupEnv(name, env);
        if (value == null && effective.containsKey(name) && !visiting.contains(name)) {
            visiting.add(name);
            String expanded = expand(effective.get(name), env, visiting, missing);
            visiting.remove(name);
            value = expanded.isEmpty() ? null : expanded;
        }
        if (value != null) {
            return value;
        }
        if (fallback != null) {
            return expand(fallback, env, visiting, missing);
        }
        missing.add(envName(name));
        return "";
    }

    private static String lookupEnv(String name, Map<String, String> env) {
        for (String candidate : List.of(name, sanitized(name), envName(name))) {
            String value = env.get(candidate);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    /** The environment variable a property name maps to: non-alphanumerics as '_', upper-cased. */
    public static String envName(String property) {
        return sanitized(property).toUpperCase();
    }

    private static String sanitized(String name) {
        return name.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static int closing(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            if (text.startsWith("${", i)) {
                depth++;
                i++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int topLevelColon(String inner) {
        int depth = 0;
        for (int i = 0; i < inner.length(); i++) {
            if (inner.startsWith("${", i)) {
                depth++;
                i++;
            } else if (inner.charAt(i) == '}') {
                depth--;
            } else if (inner.charAt(i) == ':' && depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
