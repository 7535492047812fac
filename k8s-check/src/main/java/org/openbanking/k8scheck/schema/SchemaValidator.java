package org.openbanking.k8scheck.schema;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.openbanking.k8scheck.model.Manifest;
import org.openbanking.k8scheck.model.Quantities;

import com.google.gson.annotations.SerializedName;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;

/**
 * Validates objects against the Kubernetes API schema: unknown fields, types and required fields. The schema is that
 * of the official Java client's models, which are generated from the Kubernetes OpenAPI document (client-java 24 =
 * Kubernetes 1.32): every model class lists its JSON fields with their types, and which of them are required.
 */
public final class SchemaValidator {

    private static final String MODELS = "io.kubernetes.client.openapi.models.";
    /** The API types the manifests may use, by apiVersion and kind; anything else is reported, never waved through. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("v1 Namespace", "V1Namespace"),
            Map.entry("v1 ConfigMap", "V1ConfigMap"),
            Map.entry("v1 Secret", "V1Secret"),
            Map.entry("v1 Service", "V1Service"),
            Map.entry("v1 ServiceAccount", "V1ServiceAccount"),
            Map.entry("v1 PersistentVolumeClaim", "V1PersistentVolumeClaim"),
            Map.entry("apps/v1 Deployment", "V1Deployment"),
            Map.entry("apps/v1 StatefulSet", "V1StatefulSet"),
            Map.entry("batch/v1 Job", "V1Job"),
            Map.entry("batch/v1 CronJob", "V1CronJob"),
            Map.entry("networking.k8s.io/v1 NetworkPolicy", "V1NetworkPolicy"),
            Map.entry("networking.k8s.io/v1 Ingress", "V1Ingress"),
            Map.entry("policy/v1 PodDisruptionBudget", "V1PodDisruptionBudget"),
            Map.entry("autoscaling/v2 HorizontalPodAutoscaler", "V2HorizontalPodAutoscaler"));
    private static final Pattern DNS_SUBDOMAIN = Pattern
            .compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final Map<Class<?>, Map<String, Field>> FIELDS = new ConcurrentHashMap<>();

    /** Every schema violation of one object, each as "path: problem". */
    public List<String> validate(Manifest manifest) {
        List<String> errors = new ArrayList<>();
        String type = TYPES.get(manifest.apiVersion() + " " + manifest.kind());
        if (type == null) {
            errors.add("apiVersion " + manifest.apiVersion() + " kind " + manifest.kind()
                    + ": not a Kubernetes API type this check knows (wrong apiVersion, or a kind to add to SchemaValidator)");
            return errors;
        }
        String name = manifest.name();
        if (name == null || name.isEmpty()) {
            errors.add("metadata.name: required field missing");
        } else if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
            errors.add("metadata.name: '" + name + "' is not a valid object name (lower-case RFC 1123 subdomain)");
        }
        try {
            object(Class.forName(MODELS + type), manifest.body(), "", errors);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("client-java has no model " + type, e);
        }
        return errors;
    }

    private void object(Class<?> model, Map<?, ?> value, String path, List<String> errors) {
        Map<String, Field> fields = fields(model);
        for (Map.Entry<?, ?> entry : value.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Field field = fields.get(key);
            if (field == null) {
                errors.add(join(path, key) + ": unknown field (" + model.getSimpleName() + " has no '" + key + "'"
                        + suggestion(key, fields.keySet()) + ")");
            } else {
                check(field.getGenericType(), entry.getValue(), join(path, key), errors);
            }
        }
        for (String required : required(model)) {
            if (value.get(required) == null) {
                errors.add(join(path, required) + ": required field missing (" + model.getSimpleName() + ")");
            }
        }
    }

    private void check(Type type, Object value, String path, List<String> errors) {
        if (value == null) {
            return;
        }
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw) || Collection.class.isAssignableFrom(raw)) {
                if (!(value instanceof List<?> list)) {
                    errors.add(path + ": expected a list, found " + describe(value));
                    return;
                }
                for (int i = 0; i < list.size(); i++) {
                    check(arguments[0], list.get(i), path + "[" + i + "]", errors);
                }
                return;
            }
            if (Map.class.isAssignableFrom(raw)) {
                if (!(value instanceof Map<?, ?> map)) {
                    errors.add(path + ": expected an object, found " + describe(value));
                    return;
                }
                map.forEach((k, v) -> check(arguments[1], v, path + "." + k, errors));
                return;
            }
        }
        Class<?> expected = (Class<?>) type;
        String problem = null;
        if (expected == String.class) {
            problem = value instanceof String ? null : "expected a string";
        } else if (expected == Integer.class || expected == Long.class) {
            problem = value instanceof Integer || value instanceof Long || value instanceof BigInteger
                    ? null
                    : "expected an integer";
        } else if (expected == Double.class || expected == Float.class || Number.class.isAssignableFrom(expected)) {
            problem = value instanceof Number ? null : "expected a number";
        } else if (expected == Boolean.class) {
            problem = value instanceof Boolean ? null : "expected true or false";
        } else if (expected == IntOrString.class) {
            problem = value instanceof String || value instanceof Integer || value instanceof Long
                    ? null
                    : "expected an integer or a string";
        } else if (expected == Quantity.class) {
            problem = Quantities.isValid(value) ? null : "expected a quantity such as 256Mi or 500m";
        } else if (expected == byte[].class) {
            problem = value instanceof String s && isBase64(s) ? null : "expected base64 data";
        } else if (expected == java.time.OffsetDateTime.class) {
            problem = value instanceof String ? null : "expected a timestamp string";
        } else if (expected.isEnum()) {
            problem = value instanceof String ? null : "expected a string";
        } else if (expected.getName().startsWith(MODELS)) {
            if (value instanceof Map<?, ?> map) {
                object(expected, map, path, errors);
            } else {
                problem = "expected an object (" + expected.getSimpleName() + ")";
            }
        }
        if (problem != null) {
            errors.add(path + ": " + problem + ", found " + describe(value));
        }
    }

    /** JSON field name to Java field, from the models' {@code @SerializedName}. */
    private static Map<String, Field> fields(Class<?> model) {
        return FIELDS.computeIfAbsent(model, m -> {
            Map<String, Field> fields = new LinkedHashMap<>();
            for (Field field : m.getDeclaredFields()) {
                SerializedName name = field.getAnnotation(SerializedName.class);
                if (name != null && !Modifier.isStatic(field.getModifiers())) {
                    fields.put(name.value(), field);
                }
            }
            return fields;
        });
    }

    @SuppressWarnings("unchecked")
    private static Collection<String> required(Class<?> model) {
        try {
            Object required = model.getField("openapiRequiredFields").get(null);
            return required instanceof Collection<?> c ? (Collection<String>) c : List.of();
        } catch (ReflectiveOperationException e) {
            return List.of();
        }
    }

    private static String suggestion(String key, Collection<String> known) {
        for (String candidate : known) {
            if (candidate.equalsIgnoreCase(key)) {
                return "; did you mean '" + candidate + "'?";
            }
        }
        return "";
    }

    private static boolean isBase64(String s) {
        try {
            Base64.getMimeDecoder().decode(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "a list";
        }
        return value.getClass().getSimpleName().toLowerCase() + " " + value;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
