package org.openbanking.k8scheck.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The name suffix kustomize gives a generated ConfigMap or Secret: the SHA-256 of a JSON encoding (Go's
 * {@code encoding/json}: sorted keys, HTML characters escaped) of kind, name, data (and type for a Secret), its first
 * ten hex digits with some letters swapped so that no word is spelled. kustomize looks the name up as one field
 * called "metadata/name", which never exists, so the name it hashes is always empty: two generators with the same
 * data get the same suffix.
 */
final class GeneratorHash {

    private GeneratorHash() {
    }

    static String configMap(Map<String, String> data) {
        Map<String, Object> encoded = new TreeMap<>();
        encoded.put("kind", "ConfigMap");
        encoded.put("name", "");
        encoded.put("data", new TreeMap<>(data));
        return suffix(json(encoded));
    }

    /** {@code base64Data}: the Secret's data values as they appear in it, base64-encoded. */
    static String secret(String type, Map<String, String> base64Data) {
        Map<String, Object> encoded = new TreeMap<>();
        encoded.put("kind", "Secret");
        encoded.put("type", type);
        encoded.put("name", "");
        encoded.put("data", new TreeMap<>(base64Data));
        return suffix(json(encoded));
    }

    private static String suffix(String json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            char[] hex = HexFormat.of().formatHex(digest).substring(0, 10).toCharArray();
            for (int i = 0; i < hex.length; i++) {
                hex[i] = switch (hex[i]) {
                    case '0' -> 'g';
                    case '1' -> 'h';
                    case '3' -> 'k';
                    case 'a' -> 'm';
                    case 'e' -> 't';
                    default -> hex[i];
                };
            }
            return new String(hex);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Go's json.Marshal of nested string maps. */
    private static String json(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(String.valueOf(entry.getKey()), out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else {
            string(String.valueOf(value), out);
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
