package org.openbanking.k8scheck.model;

import java.util.List;
import java.util.Map;

/** A Kubernetes label selector ({@code matchLabels} and {@code matchExpressions}). */
public final class LabelSelector {

    private LabelSelector() {
    }

    /** Whether a selector map matches labels; an empty selector matches everything. */
    public static boolean matches(Map<String, Object> selector, Map<String, String> labels) {
        for (Map.Entry<String, String> wanted : Tree.strings(selector, "matchLabels").entrySet()) {
            if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
                return false;
            }
        }
        for (Map<String, Object> expression : Tree.maps(selector, "matchExpressions")) {
            String key = Tree.string(expression, "key");
            List<String> values = Tree.list(expression, "values").stream().map(String::valueOf).toList();
            String operator = String.valueOf(expression.get("operator"));
            boolean ok = switch (operator) {
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A Service-style selector (plain label map); an empty one selects nothing. */
    public static boolean matchesPlain(Map<String, String> selector, Map<String, String> labels) {
        if (selector.isEmpty()) {
            return false;
        }
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
