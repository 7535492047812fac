package org.openbanking.k8scheck.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.openbanking.k8scheck.model.Manifest;
import org.openbanking.k8scheck.model.Tree;
import org.openbanking.k8scheck.model.Yaml;

/**
 * A renderer for exactly the kustomize features the manifests use, for machines without kubectl: resources (files and
 * directories), namespace, images, replicas, strategic-merge patches (by name or by target), and ConfigMap/Secret
 * generators (literals, files, env files; create and merge) with kustomize's hash suffixes and name references. Any
 * other field stops the rendering with a message, so a manifest change can never be silently misrendered. Its output
 * is compared with kubectl's wherever kubectl exists (and with kubectl's recorded output of a fixture always).
 */
public final class JavaKustomize implements Renderer {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "resources", "images",
            "replicas", "patches", "configMapGenerator", "secretGenerator");
    private static final Set<String> GENERATOR_FIELDS = Set.of("name", "behavior", "literals", "files", "envs",
            "type");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "PersistentVolume", "StorageClass", "CustomResourceDefinition", "PriorityClass", "IngressClass");
    private static final Set<String> SCALABLE = Set.of("Deployment", "StatefulSet", "ReplicaSet",
            "ReplicationController");

    /** A resource being built, with the name it had before hash suffixes. */
    private static final class Resource {

        final Map<String, Object> body;
        final String originalName;
        final boolean generated;

        Resource(Map<String, Object> body, boolean generated) {
            this.body = body;
            this.originalName = Tree.string(body, "metadata", "name");
            this.generated = generated;
        }

        String kind() {
            return Tree.string(body, "kind");
        }
    }

    @Override
    public String name() {
        return "Java kustomize renderer";
    }

    @Override
    public List<Manifest> render(Path kustomization) {
        List<Resource> resources = build(kustomization.toAbsolutePath().normalize());
        nameGenerated(resources);
        return resources.stream().map(r -> new Manifest(r.body)).toList();
    }

    @SuppressWarnings("unchecked")
    private List<Resource> build(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new RenderException(dir + " has no kustomization.yaml");
        }
        Map<String, Object> k = (Map<String, Object>) Yaml.load(read(file));
        for (String field : k.keySet()) {
            if (!SUPPORTED.contains(field)) {
                throw new RenderException(file + " uses '" + field
                        + "', which the Java renderer does not implement: implement it in JavaKustomize (and its fixture) or do without it");
            }
        }
        List<Resource> resources = new ArrayList<>();
        for (Object entry : Tree.list(k, "resources")) {
            Path path = dir.resolve(String.valueOf(entry)).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(build(path));
            } else if (Files.isRegularFile(path)) {
                for (Object document : Yaml.loadAll(read(path))) {
                    if (!(document instanceof Map<?, ?>)) {
                        throw new RenderException(path + " holds a document that is not an object");
                    }
                    resources.add(new Resource((Map<String, Object>) document, false));
                }
            } else {
                throw new RenderException(file + ": resource " + entry + " does not exist");
            }
        }
        for (Map<String, Object> generator : Tree.maps(k, "configMapGenerator")) {
            generate(dir, file, generator, "ConfigMap", resources);
        }
        for (Map<String, Object> generator : Tree.maps(k, "secretGenerator")) {
            generate(dir, file, generator, "Secret", resources);
        }
        for (Map<String, Object> patch : Tree.maps(k, "patches")) {
            patch(dir, file, patch, resources);
        }
        String namespace = Tree.string(k, "namespace");
        if (namespace != null) {
            for (Resource resource : resources) {
                if (!CLUSTER_SCOPED.contains(resource.kind())) {
                    Tree.ensureMap(resource.body, "metadata").put("namespace", namespace);
                }
            }
        }
        for (Map<String, Object> image : Tree.maps(k, "images")) {
            for (Resource resource : resources) {
                for (Map<String, Object> podSpec : podSpecs(resource.body)) {
                    for (String field : List.of("initContainers", "containers")) {
                        for (Map<String, Object> container : Tree.maps(podSpec, field)) {
                            if (container.get("image") instanceof String current) {
                                container.put("image", retag(current, image));
                            }
                        }
                    }
                }
            }
        }
        for (Map<String, Object> replicas : Tree.maps(k, "replicas")) {
            boolean found = false;
            for (Resource resource : resources) {
                if (SCALABLE.contains(resource.kind()) && resource.originalName.equals(replicas.get("name"))) {
                    Tree.ensureMap(resource.body, "spec").put("replicas", replicas.get("count"));
                    found = true;
                }
            }
            if (!found) {
                throw new RenderException(file + ": replicas for " + replicas.get("name") + ", which does not exist");
            }
        }
        return resources;
    }

    private void generate(Path dir, Path file, Map<String, Object> generator, String kind, List<Resource> resources) {
        for (String field : generator.keySet()) {
            if (!GENERATOR_FIELDS.contains(field)) {
                throw new RenderException(file + ": generator option '" + field + "' is not implemented by the Java renderer");
            }
        }
        String name = Tree.string(generator, "name");
        Map<String, String> data = new LinkedHashMap<>();
        for (Object env : Tree.list(generator, "envs")) {
            for (String line : read(inside(dir, String.valueOf(env), file)).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq < 0) {
                    throw new RenderException(env + ": '" + line + "' is not KEY=VALUE");
                }
                put(data, line.substring(0, eq).strip(), line.substring(eq + 1), file);
            }
        }
        for (Object literal : Tree.list(generator, "literals")) {
            String text = String.valueOf(literal);
            int eq = text.indexOf('=');
            if (eq < 0) {
                throw new RenderException(file + ": literal '" + text + "' is not KEY=VALUE");
            }
            put(data, text.substring(0, eq), unquote(text.substring(eq + 1)), file);
        }
        for (Object source : Tree.list(generator, "files")) {
            String text = String.valueOf(source);
            int eq = text.indexOf('=');
            String key = eq < 0 ? Path.of(text).getFileName().toString() : text.substring(0, eq);
            put(data, key, read(inside(dir, eq < 0 ? text : text.substring(eq + 1), file)), file);
        }
        String behavior = generator.getOrDefault("behavior", "create").toString();
        Resource existing = resources.stream()
                .filter(r -> r.generated && r.kind().equals(kind) && r.originalName.equals(name)).findFirst()
                .orElse(null);
        switch (behavior) {
            case "create" -> {
                if (existing != null) {
                    throw new RenderException(file + ": " + kind + " " + name + " is generated twice (use behavior: merge)");
                }
                resources.add(new Resource(generatedBody(kind, name, Tree.string(generator, "type"), data), true));
            }
            case "merge", "replace" -> {
                if (existing == null) {
                    throw new RenderException(
                            file + ": " + behavior + " of " + kind + " " + name + ", which no base generates");
                }
                Map<String, String> merged = new LinkedHashMap<>();
                if (behavior.equals("merge")) {
                    merged.putAll(dataOf(existing.body));
                }
                merged.putAll(data);
                String type = Tree.string(existing.body, "type");
                Map<String, Object> body = generatedBody(kind, name, type, merged);
                Object namespace = Tree.at(existing.body, "metadata", "namespace");
                if (namespace != null) {
                    Tree.ensureMap(body, "metadata").put("namespace", namespace);
                }
                existing.body.clear();
                existing.body.putAll(body);
            }
            default -> throw new RenderException(file + ": unknown generator behavior " + behavior);
        }
    }

    private static void put(Map<String, String> data, String key, String value, Path file) {
        if (data.put(key, value) != null) {
            throw new RenderException(file + ": key " + key + " appears twice in one generator");
        }
    }

    /** kustomize drops one pair of matching quotes around a literal's value. */
    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static Map<String, Object> generatedBody(String kind, String name, String type, Map<String, String> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiVersion", "v1");
        body.put("kind", kind);
        body.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
        Map<String, Object> encoded = new TreeMap<>();
        data.forEach((k, v) -> encoded.put(k, kind.equals("Secret") ? base64(v) : v));
        body.put("data", encoded);
        if (kind.equals("Secret")) {
            body.put("type", type == null ? "Opaque" : type);
        }
        return body;
    }

    /** kustomize's base64 for Secret data: lines of 70 characters, each ending in a newline once there are two. */
    private static String base64(String value) {
        String encoded = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        int lineLength = 70;
        if (encoded.length() / lineLength + 1 <= 1) {
            return encoded;
        }
        StringBuilder wrapped = new StringBuilder();
        for (int i = 0; i < encoded.length(); i += lineLength) {
            wrapped.append(encoded, i, Math.min(encoded.length(), i + lineLength)).append('\n');
        }
        return wrapped.toString();
    }

    private static Map<String, String> dataOf(Map<String, Object> body) {
        Map<String, String> data = new LinkedHashMap<>();
        boolean secret = "Secret".equals(body.get("kind"));
        Tree.strings(body, "data").forEach((k, v) -> data.put(k,
                secret ? new String(Base64.getMimeDecoder().decode(v), StandardCharsets.UTF_8) : v));
        return data;
    }

    @SuppressWarnings("unchecked")
    private void patch(Path dir, Path file, Map<String, Object> entry, List<Resource> resources) {
        String text;
        if (entry.containsKey("path")) {
            text = read(inside(dir, String.valueOf(entry.get("path")), file));
        } else if (entry.containsKey("patch")) {
            text = String.valueOf(entry.get("patch"));
        } else {
            throw new RenderException(file + ": a patch without path or patch");
        }
        if (entry.containsKey("options")) {
            throw new RenderException(file + ": patch options are not implemented by the Java renderer");
        }
        for (Object document : Yaml.loadAll(text)) {
            if (!(document instanceof Map<?, ?> patch)) {
                throw new RenderException(
                        file + ": JSON 6902 patches are not implemented by the Java renderer; use a strategic merge patch");
            }
            Map<String, Object> target = Tree.map(entry, "target");
            List<Resource> targets = new ArrayList<>();
            for (Resource resource : resources) {
                if (target.isEmpty()
                        ? sameObject(resource, (Map<String, Object>) patch)
                        : matches(resource, target)) {
                    targets.add(resource);
                }
            }
            if (targets.isEmpty()) {
                throw new RenderException(file + ": patch " + entry + " matches no resource");
            }
            for (Resource resource : targets) {
                Map<String, Object> body = Yaml.copy((Map<String, Object>) patch);
                if (!target.isEmpty()) {
                    // With a target, the patch's own identity is ignored.
                    body.remove("apiVersion");
                    body.remove("kind");
                    if (body.get("metadata") instanceof Map<?, ?> metadata) {
                        metadata.remove("name");
                    }
                }
                StrategicMerge.apply(resource.body, body, file + " patch on " + resource.kind() + "/" + resource.originalName);
            }
        }
    }

    private static boolean sameObject(Resource resource, Map<String, Object> patch) {
        return resource.kind().equals(patch.get("kind"))
                && resource.originalName.equals(Tree.string(patch, "metadata", "name"));
    }

    private static boolean matches(Resource resource, Map<String, Object> target) {
        for (Map.Entry<String, Object> e : target.entrySet()) {
            String wanted = String.valueOf(e.getValue());
            String apiVersion = String.valueOf(resource.body.get("apiVersion"));
            boolean ok = switch (e.getKey()) {
                case "kind" -> wanted.equals(resource.kind());
                case "name" -> Pattern.matches(wanted, resource.originalName);
                case "namespace" -> wanted.equals(Tree.string(resource.body, "metadata", "namespace"));
                case "group" -> wanted.equals(apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "");
                case "version" -> wanted.equals(apiVersion.substring(apiVersion.indexOf('/') + 1));
                case "labelSelector" -> equalitySelector(wanted, Tree.strings(resource.body, "metadata", "labels"));
                default -> throw new RenderException(
                        "patch target field '" + e.getKey() + "' is not implemented by the Java renderer");
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalitySelector(String selector, Map<String, String> labels) {
        for (String term : selector.split(",")) {
            String[] kv = term.split("=", 2);
            if (kv.length != 2 || kv[0].endsWith("!")) {
                throw new RenderException("label selector '" + selector + "': only key=value terms are implemented");
            }
            if (!kv[1].strip().equals(labels.get(kv[0].strip()))) {
                return false;
            }
        }
        return true;
    }

    private static String retag(String image, Map<String, Object> rule) {
        String name = image;
        String suffix = "";
        int at = image.indexOf('@');
        if (at >= 0) {
            name = image.substring(0, at);
            suffix = image.substring(at);
        } else {
            int colon = image.lastIndexOf(':');
            if (colon > image.lastIndexOf('/')) {
                name = image.substring(0, colon);
                suffix = image.substring(colon);
            }
        }
        if (!name.equals(rule.get("name"))) {
            return image;
        }
        String newName = rule.containsKey("newName") ? String.valueOf(rule.get("newName")) : name;
        if (rule.containsKey("digest")) {
            suffix = "@" + rule.get("digest");
        } else if (rule.containsKey("newTag")) {
            suffix = ":" + rule.get("newTag");
        }
        return newName + suffix;
    }

    /** Hash suffixes for generated objects, then every reference to them renamed (kustomize's name references). */
    private static void nameGenerated(List<Resource> resources) {
        Map<String, String> renamed = new HashMap<>();
        for (Resource resource : resources) {
            if (!resource.generated) {
                continue;
            }
            String suffix = resource.kind().equals("Secret")
                    ? GeneratorHash.secret(Tree.string(resource.body, "type"), Tree.strings(resource.body, "data"))
                    : GeneratorHash.configMap(Tree.strings(resource.body, "data"));
            String newName = resource.originalName + "-" + suffix;
            Tree.ensureMap(resource.body, "metadata").put("name", newName);
            renamed.put(resource.kind() + "/" + resource.originalName, newName);
        }
        for (Resource resource : resources) {
            for (Map<String, Object> podSpec : podSpecs(resource.body)) {
                for (String field : List.of("initContainers", "containers")) {
                    for (Map<String, Object> container : Tree.maps(podSpec, field)) {
                        for (Map<String, Object> env : Tree.maps(container, "env")) {
                            rename(Tree.map(env, "valueFrom", "configMapKeyRef"), "name", "ConfigMap", renamed);
                            rename(Tree.map(env, "valueFrom", "secretKeyRef"), "name", "Secret", renamed);
                        }
                        for (Map<String, Object> from : Tree.maps(container, "envFrom")) {
                            rename(Tree.map(from, "configMapRef"), "name", "ConfigMap", renamed);
                            rename(Tree.map(from, "secretRef"), "name", "Secret", renamed);
                        }
                    }
                }
                for (Map<String, Object> volume : Tree.maps(podSpec, "volumes")) {
                    rename(Tree.map(volume, "configMap"), "name", "ConfigMap", renamed);
                    rename(Tree.map(volume, "secret"), "secretName", "Secret", renamed);
                    for (Map<String, Object> source : Tree.maps(volume, "projected", "sources")) {
                        rename(Tree.map(source, "configMap"), "name", "ConfigMap", renamed);
                        rename(Tree.map(source, "secret"), "name", "Secret", renamed);
                    }
                }
                for (Map<String, Object> pullSecret : Tree.maps(podSpec, "imagePullSecrets")) {
                    rename(pullSecret, "name", "Secret", renamed);
                }
            }
            if ("Ingress".equals(resource.kind())) {
                for (Map<String, Object> tls : Tree.maps(resource.body, "spec", "tls")) {
                    rename(tls, "secretName", "Secret", renamed);
                }
            }
        }
    }

    private static void rename(Map<String, Object> ref, String field, String kind, Map<String, String> renamed) {
        Object name = ref.get(field);
        if (name != null && renamed.containsKey(kind + "/" + name)) {
            ref.put(field, renamed.get(kind + "/" + name));
        }
    }

    /** The pod specs of an object: its template's, a CronJob's job template's, or a Pod's own. */
    static List<Map<String, Object>> podSpecs(Map<String, Object> body) {
        List<Map<String, Object>> specs = new ArrayList<>();
        String kind = String.valueOf(body.get("kind"));
        if (kind.equals("Pod")) {
            specs.add(Tree.map(body, "spec"));
        } else if (kind.equals("CronJob")) {
            specs.add(Tree.map(body, "spec", "jobTemplate", "spec", "template", "spec"));
        } else {
            specs.add(Tree.map(body, "spec", "template", "spec"));
        }
        return specs.stream().filter(s -> !s.isEmpty()).toList();
    }

    /** A file a kustomization names, which (as in kustomize) must lie inside the kustomization's directory. */
    private static Path inside(Path dir, String relative, Path file) {
        Path path = dir.resolve(relative).normalize();
        if (!path.startsWith(dir)) {
            throw new RenderException(file + ": " + relative + " is outside the kustomization's directory");
        }
        if (!Files.isRegularFile(path)) {
            throw new RenderException(file + ": " + relative + " does not exist");
        }
        return path;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RenderException("Could not read " + path + ": " + e.getMessage(), e);
        }
    }
}
