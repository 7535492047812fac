package org.openbanking.k8scheck.play;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openbanking.k8scheck.model.Yaml;

/**
 * A rendered overlay turned into what {@code podman kube play} (podman 4.3) can run on one machine, changing only what
 * podman does not implement, each stand-in named here; everything else (images, commands, env, ports, users,
 * read-only root filesystems, ConfigMap volumes) is played as rendered, so a mistake there shows when it runs:
 * <ul>
 * <li>Services: each workload gets a static IP on the play network, and every pod gets {@code hostAliases} that map each
 * Service's names ({@code name}, {@code name.namespace}, {@code name.namespace.svc...}) to the IP of the workload it
 * selects. A Service whose port differs from its target container port cannot be stood in for this way and is refused.
 * <li>Secrets: podman 4.3 cannot read a Secret it played (containers/podman#17071), so {@code secretKeyRef} env values are
 * written into the env (dev overlay only: its secrets are demo values).
 * <li>StatefulSets become Deployments; their volume claim templates become emptyDir volumes (the play is ephemeral).
 * <li>emptyDirs: podman 4.3 plays one as a root-owned named volume shared by every pod that names it, where a kubelet
 * makes a fresh world-writable folder per pod (a non-root PostgreSQL needs that for its socket). Each becomes a
 * hostPath folder {@code <out>/volumes/<workload>-<volume>} that {@code k8s/play} creates with mode 1777 and removes.
 * <li>Probes are removed: podman runs only liveness probes, as commands inside the container (httpGet needs a curl the
 * images do not carry), and would kill healthy pods; the play waits on the public endpoints instead, and k8s-check's
 * ProbeRule holds every probe against the services' management ports.
 * <li>NetworkPolicies, Ingress, autoscalers, disruption budgets and the Namespace are left out (no cluster); k8s-check
 * checks them. The gateway and Keycloak are published on the host ports given ({@code hostPort}); every other
 * container port is left out of the played pod, since podman 4.3 publishes each declared containerPort on the host
 * (a pod listens on its ports whether they are declared or not; the Services' ports were checked above).
 * </ul>
 * Usage: {@code PodmanPlay <rendered.yaml> <out.yaml> <out.ips> <subnet prefix, e.g. 10.89.7> [workload:port=hostPort...]}
 */
public final class PodmanPlay {

    /** What podman's play leaves alone or cannot do; k8s-check covers them. */
    private static final Set<String> LEFT_OUT = Set.of("Namespace", "NetworkPolicy", "Ingress", "HorizontalPodAutoscaler",
            "PodDisruptionBudget", "Service", "Secret", "ServiceAccount");
    /** The first host number on the play network; .1 is podman's gateway. */
    private static final int FIRST_HOST = 10;

    /**
     * The played YAML, the pods' IPs in the order {@code podman kube play --ip} assigns them, and the host folders that
     * stand in for emptyDirs (to be created world-writable before the play, as a kubelet makes an emptyDir).
     */
    public record Played(String yaml, List<String> ips, List<String> volumes) {
    }

    /** A container port published on the host: workload name, container port name, host port. */
    public record Published(String workload, String portName, int hostPort) {

        static Published parse(String spec) {
            String[] parts = spec.split("[:=]");
            if (parts.length != 3) {
                throw new IllegalArgumentException("expected workload:portName=hostPort, got " + spec);
            }
            return new Published(parts[0], parts[1], Integer.parseInt(parts[2]));
        }
    }

    private PodmanPlay() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: PodmanPlay <rendered.yaml> <out dir> <subnet prefix> [workload:port=hostPort...]");
            System.exit(2);
        }
        List<Published> published = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            published.add(Published.parse(args[i]));
        }
        Path out = Path.of(args[1]).toAbsolutePath();
        Played played = transform(Files.readString(Path.of(args[0])), args[2], out.resolve("volumes"), published);
        Files.writeString(out.resolve("played.yaml"), played.yaml(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("played.ips"), String.join("\n", played.ips()) + "\n", StandardCharsets.UTF_8);
        Files.writeString(out.resolve("played.volumes"), String.join("\n", played.volumes()) + "\n",
                StandardCharsets.UTF_8);
    }

    public static Played transform(String rendered, String subnetPrefix, Path volumesDir, List<Published> published) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : Yaml.loadAll(rendered)) {
            documents.add(map(document));
        }
        Map<String, Map<String, Object>> secrets = new LinkedHashMap<>();
        List<Map<String, Object>> services = new ArrayList<>();
        List<Map<String, Object>> workloads = new ArrayList<>();
        List<Map<String, Object>> kept = new ArrayList<>();
        for (Map<String, Object> document : documents) {
            String kind = String.valueOf(document.get("kind"));
            switch (kind) {
                case "Secret" -> secrets.put(name(document), document);
                case "Service" -> services.add(document);
                case "Deployment", "StatefulSet" -> workloads.add(document);
                case "ConfigMap" -> kept.add(document);
                default -> {
                    if (!LEFT_OUT.contains(kind)) {
                        throw new IllegalArgumentException("podman kube play has no stand-in here for " + kind + "/"
                                + name(document) + ": add one to PodmanPlay or leave it out on purpose");
                    }
                }
            }
        }
        Map<String, String> ipOfWorkload = new LinkedHashMap<>();
        List<String> ips = new ArrayList<>();
        for (Map<String, Object> workload : workloads) {
            String ip = subnetPrefix + "." + (FIRST_HOST + ips.size());
            ipOfWorkload.put(name(workload), ip);
            ips.add(ip);
        }
        List<Map<String, Object>> aliases = hostAliases(services, workloads, ipOfWorkload);
        List<Map<String, Object>> played = new ArrayList<>(kept);
        List<String> volumes = new ArrayList<>();
        for (Map<String, Object> workload : workloads) {
            played.add(asDeployment(workload, secrets, aliases, published, volumesDir, volumes));
        }
        StringBuilder yaml = new StringBuilder();
        for (Map<String, Object> document : played) {
            yaml.append("---\n").append(Yaml.dump(document));
        }
        return new Played(yaml.toString(), ips, volumes);
    }

    /** Every Service's names pointing at the IP of the one workload its selector picks. */
    private static List<Map<String, Object>> hostAliases(List<Map<String, Object>> services,
            List<Map<String, Object>> workloads, Map<String, String> ipOfWorkload) {
        List<Map<String, Object>> aliases = new ArrayList<>();
        for (Map<String, Object> service : services) {
            Map<String, Object> spec = map(service.get("spec"));
            Map<String, Object> selector = map(spec.get("selector"));
            List<Map<String, Object>> selected = workloads.stream()
                    .filter(w -> labels(podTemplate(w)).entrySet().containsAll(selector.entrySet())).toList();
            if (selected.size() != 1) {
                throw new IllegalArgumentException("Service/" + name(service) + " selects " + selected.size()
                        + " workloads; the play stands in for a Service with exactly one");
            }
            Map<String, Object> workload = selected.get(0);
            for (Object p : list(spec.get("ports"))) {
                Map<String, Object> port = map(p);
                int target = containerPort(workload, port.getOrDefault("targetPort", port.get("port")));
                if (((Number) port.get("port")).intValue() != target) {
                    throw new IllegalArgumentException("Service/" + name(service) + " maps port " + port.get("port")
                            + " to " + target + ": on the play network a pod is reached on its container port");
                }
            }
            String name = name(service);
            String namespace = namespace(service);
            List<String> hostnames = new ArrayList<>(List.of(name));
            if (namespace != null) {
                hostnames.addAll(List.of(name + "." + namespace, name + "." + namespace + ".svc",
                        name + "." + namespace + ".svc.cluster.local"));
            }
            Map<String, Object> alias = new LinkedHashMap<>();
            alias.put("ip", ipOfWorkload.get(name(workload)));
            alias.put("hostnames", hostnames);
            aliases.add(alias);
        }
        return aliases;
    }

    private static Map<String, Object> asDeployment(Map<String, Object> workload, Map<String, Map<String, Object>> secrets,
            List<Map<String, Object>> aliases, List<Published> published, Path volumesDir, List<String> hostFolders) {
        Map<String, Object> deployment = new LinkedHashMap<>();
        deployment.put("apiVersion", "apps/v1");
        deployment.put("kind", "Deployment");
        Map<String, Object> metadata = new LinkedHashMap<>(map(workload.get("metadata")));
        metadata.remove("namespace");
        deployment.put("metadata", metadata);
        Map<String, Object> spec = new LinkedHashMap<>();
        Map<String, Object> original = map(workload.get("spec"));
        spec.put("replicas", 1);
        spec.put("selector", original.get("selector"));
        Map<String, Object> template = Yaml.copy(podTemplate(workload));
        Map<String, Object> podSpec = map(template.get("spec"));
        List<Object> hostAliases = new ArrayList<>(list(podSpec.get("hostAliases")));
        hostAliases.addAll(aliases);
        podSpec.put("hostAliases", hostAliases);
        List<Object> volumes = new ArrayList<>(list(podSpec.get("volumes")));
        for (Object claim : list(original.get("volumeClaimTemplates"))) {
            Map<String, Object> volume = new LinkedHashMap<>();
            volume.put("name", name(map(claim)));
            volume.put("emptyDir", new LinkedHashMap<>());
            volumes.add(volume);
        }
        for (Object v : volumes) {
            Map<String, Object> volume = map(v);
            if (volume.remove("emptyDir") != null) {
                String folder = volumesDir.resolve(name(workload) + "-" + volume.get("name")).toString();
                Map<String, Object> hostPath = new LinkedHashMap<>();
                hostPath.put("path", folder);
                hostPath.put("type", "Directory");
                volume.put("hostPath", hostPath);
                hostFolders.add(folder);
            }
        }
        if (!volumes.isEmpty()) {
            podSpec.put("volumes", volumes);
        }
        for (String containers : List.of("initContainers", "containers")) {
            for (Object c : list(podSpec.get(containers))) {
                Map<String, Object> container = map(c);
                container.remove("livenessProbe");
                container.remove("readinessProbe");
                container.remove("startupProbe");
                container.put("image", local(String.valueOf(container.get("image"))));
                inlineSecrets(container, secrets);
                publish(name(workload), container, published);
            }
        }
        spec.put("template", template);
        deployment.put("spec", spec);
        return deployment;
    }

    /** An image without a registry is one the project built: podman keeps those under localhost/. */
    static String local(String image) {
        String first = image.split("/")[0];
        boolean hasRegistry = image.contains("/") && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        return hasRegistry ? image : "localhost/" + image;
    }

    private static void inlineSecrets(Map<String, Object> container, Map<String, Map<String, Object>> secrets) {
        for (Object e : list(container.get("env"))) {
            Map<String, Object> env = map(e);
            Map<String, Object> from = map(env.get("valueFrom"));
            Map<String, Object> ref = map(from.get("secretKeyRef"));
            if (ref.isEmpty()) {
                continue;
            }
            Map<String, Object> secret = secrets.get(String.valueOf(ref.get("name")));
            String key = String.valueOf(ref.get("key"));
            Object encoded = secret == null ? null : map(secret.get("data")).get(key);
            Object plain = secret == null ? null : map(secret.get("stringData")).get(key);
            if (encoded == null && plain == null) {
                throw new IllegalArgumentException(name(container) + ": env " + env.get("name") + " names secret key "
                        + ref.get("name") + "/" + key + ", which the overlay does not define");
            }
            env.remove("valueFrom");
            env.put("value", plain != null
                    ? String.valueOf(plain)
                    : new String(Base64.getMimeDecoder().decode(String.valueOf(encoded)), StandardCharsets.UTF_8));
        }
    }

    /** Keeps only the ports published on the host: podman 4.3 publishes every other containerPort on its own number. */
    private static void publish(String workload, Map<String, Object> container, List<Published> published) {
        List<Object> ports = new ArrayList<>();
        for (Object p : list(container.get("ports"))) {
            Map<String, Object> port = map(p);
            for (Published wanted : published) {
                if (wanted.workload().equals(workload) && wanted.portName().equals(port.get("name"))) {
                    port.put("hostPort", wanted.hostPort());
                    ports.add(port);
                }
            }
        }
        if (ports.isEmpty()) {
            container.remove("ports");
        } else {
            container.put("ports", ports);
        }
    }

    private static int containerPort(Map<String, Object> workload, Object target) {
        if (target instanceof Number number) {
            return number.intValue();
        }
        for (Object c : list(map(podTemplate(workload).get("spec")).get("containers"))) {
            for (Object p : list(map(c).get("ports"))) {
                if (String.valueOf(target).equals(map(p).get("name"))) {
                    return ((Number) map(p).get("containerPort")).intValue();
                }
            }
        }
        throw new IllegalArgumentException(name(workload) + " has no container port named " + target);
    }

    private static Map<String, Object> podTemplate(Map<String, Object> workload) {
        return map(map(workload.get("spec")).get("template"));
    }

    private static Map<String, Object> labels(Map<String, Object> template) {
        return map(map(template.get("metadata")).get("labels"));
    }

    private static String name(Map<String, Object> document) {
        Object metadata = document.get("metadata");
        return String.valueOf(metadata == null ? document.get("name") : map(metadata).get("name"));
    }

    private static String namespace(Map<String, Object> document) {
        Object namespace = map(document.get("metadata")).get("namespace");
        return namespace == null ? null : namespace.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
    }
}
