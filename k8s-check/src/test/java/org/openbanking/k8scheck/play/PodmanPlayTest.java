package org.openbanking.k8scheck.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.openbanking.k8scheck.model.Manifest;
import org.openbanking.k8scheck.model.Yaml;
import org.openbanking.k8scheck.render.KubectlRenderer;

class PodmanPlayTest {

    static final Path VOLUMES = Path.of("/play/volumes");

    static final String WORKLOADS = """
            apiVersion: v1
            kind: Secret
            metadata: {name: app-secrets, namespace: ns}
            data: {PASSWORD: czNjcmV0}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: app-config, namespace: ns}
            data: {GREETING: hello}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: app, namespace: ns}
            spec:
              selector: {app.kubernetes.io/name: app}
              ports: [{name: http, port: 8081, targetPort: http}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: ns}
            spec:
              selector: {app.kubernetes.io/name: db}
              ports: [{name: postgres, port: 5432, targetPort: 5432}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny, namespace: ns}
            spec: {podSelector: {}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: app, namespace: ns}
            spec:
              replicas: 2
              selector: {matchLabels: {app.kubernetes.io/name: app}}
              template:
                metadata: {labels: {app.kubernetes.io/name: app, tier: api}}
                spec:
                  containers:
                    - name: app
                      image: openbanking/app:dev
                      ports: [{name: http, containerPort: 8081}, {name: management, containerPort: 9000}]
                      env:
                        - name: PASSWORD
                          valueFrom: {secretKeyRef: {name: app-secrets, key: PASSWORD}}
                      envFrom: [{configMapRef: {name: app-config}}]
                      readinessProbe: {httpGet: {path: /q/health/ready, port: management}}
                      livenessProbe: {httpGet: {path: /q/health/live, port: management}}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: ns}
            spec:
              serviceName: db
              selector: {matchLabels: {app.kubernetes.io/name: db}}
              template:
                metadata: {labels: {app.kubernetes.io/name: db}}
                spec:
                  containers:
                    - name: db
                      image: registry.example.com/db:1
                      ports: [{name: postgres, containerPort: 5432}]
                      volumeMounts: [{name: data, mountPath: /data}]
              volumeClaimTemplates:
                - metadata: {name: data}
                  spec: {accessModes: [ReadWriteOnce]}
            """;

    @Test
    void servicesBecomeHostAliasesOfTheSelectedWorkloadsStaticIps() {
        PodmanPlay.Played played = PodmanPlay.transform(WORKLOADS, "10.1.2", VOLUMES, List.of());
        assertEquals(List.of("10.1.2.10", "10.1.2.11"), played.ips());
        for (Map<String, Object> deployment : deployments(played)) {
            Map<String, List<String>> aliases = aliases(deployment);
            assertEquals(List.of("app", "app.ns", "app.ns.svc", "app.ns.svc.cluster.local"), aliases.get("10.1.2.10"));
            assertEquals(List.of("db", "db.ns", "db.ns.svc", "db.ns.svc.cluster.local"), aliases.get("10.1.2.11"));
        }
    }

    @Test
    void secretValuesAreWrittenIntoTheEnvAndSecretsAreNotPlayed() {
        PodmanPlay.Played played = PodmanPlay.transform(WORKLOADS, "10.1.2", VOLUMES, List.of());
        Map<String, Object> env = first(list(container(deployments(played).get(0)).get("env")));
        assertEquals(Map.of("name", "PASSWORD", "value", "s3cret"), env);
        assertFalse(played.yaml().contains("kind: Secret"));
        assertTrue(played.yaml().contains("kind: ConfigMap"),
                "ConfigMaps are played: podman reads them for envFrom and volumes");
    }

    @Test
    void aStatefulSetIsPlayedAsADeploymentWithEmptyDirsForItsClaims() {
        Map<String, Object> db = deployments(PodmanPlay.transform(WORKLOADS, "10.1.2", VOLUMES, List.of())).get(1);
        assertEquals("Deployment", db.get("kind"));
        // podman 4.3 plays an emptyDir as a root-owned volume shared by all pods that name it: each pod gets its own
        // host folder instead, which the play creates world-writable like a kubelet's emptyDir.
        assertEquals(List.of(Map.of("name", "data", "hostPath", Map.of("path", "/play/volumes/db-data", "type", "Directory"))),
                list(podSpec(db).get("volumes")));
        assertEquals(List.of(Map.of("name", "data", "mountPath", "/data")), list(container(db).get("volumeMounts")));
        assertEquals("registry.example.com/db:1", container(db).get("image"), "an image with a registry stays as named");
    }

    @Test
    void everyEmptyDirIsAHostFolderOfItsOwnListedForThePlayToCreate() {
        PodmanPlay.Played played = PodmanPlay.transform(WORKLOADS, "10.1.2", VOLUMES, List.of());
        assertEquals(List.of("/play/volumes/db-data"), played.volumes());
    }

    @Test
    void probesAreRemovedImagesOfTheProjectAreLocalAndPortsArePublishedOnTheHost() {
        Map<String, Object> app = deployments(PodmanPlay.transform(WORKLOADS, "10.1.2", VOLUMES,
                List.of(new PodmanPlay.Published("app", "http", 18081)))).get(0);
        Map<String, Object> container = container(app);
        assertFalse(container.containsKey("readinessProbe"));
        assertFalse(container.containsKey("livenessProbe"));
        assertEquals("localhost/openbanking/app:dev", container.get("image"));
        // Only the published port is declared: podman 4.3 would publish every declared one on the host.
        assertEquals(List.of(Map.of("name", "http", "containerPort", 8081, "hostPort", 18081)), list(container.get("ports")));
        assertEquals(1, ((Map<?, ?>) app.get("spec")).get("replicas"));
    }

    @Test
    void aServiceWhosePortIsNotItsContainerPortCannotBeStoodInFor() {
        String remapped = WORKLOADS.replace("ports: [{name: http, port: 8081, targetPort: http}]",
                "ports: [{name: http, port: 80, targetPort: http}]");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PodmanPlay.transform(remapped, "10.1.2", VOLUMES, List.of()));
        assertTrue(refused.getMessage().contains("Service/app maps port 80 to 8081"), refused.getMessage());
    }

    @Test
    void anEnvValueFromASecretKeyTheOverlayLacksIsRefused() {
        String missing = WORKLOADS.replace("key: PASSWORD}", "key: PASSWORT}");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PodmanPlay.transform(missing, "10.1.2", VOLUMES, List.of()));
        assertTrue(refused.getMessage().contains("app-secrets/PASSWORT"), refused.getMessage());
    }

    @Test
    void aKindWithoutStandInIsRefusedRatherThanSilentlyDropped() {
        String job = WORKLOADS + "---\napiVersion: batch/v1\nkind: Job\nmetadata: {name: seed}\nspec: {}\n";
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PodmanPlay.transform(job, "10.1.2", VOLUMES, List.of()));
        assertTrue(refused.getMessage().contains("Job/seed"), refused.getMessage());
    }

    @Test
    void theDevOverlayPlaysWithEveryServiceNameResolvable() {
        Path root = Path.of(System.getProperty("k8s-check.repo-root", ".."));
        List<Manifest> rendered = KubectlRenderer.require().render(root.resolve("k8s/overlays/dev"));
        String yaml = rendered.stream().map(m -> Yaml.dump(m.body())).collect(Collectors.joining("---\n"));
        PodmanPlay.Played played = PodmanPlay.transform(yaml, "10.89.77", VOLUMES,
                List.of(new PodmanPlay.Published("gateway", "http", 8080)));
        List<Map<String, Object>> deployments = deployments(played);
        assertEquals(played.ips().size(), deployments.size());
        List<String> services = rendered.stream().filter(m -> m.is("Service")).map(Manifest::name).sorted().toList();
        for (Map<String, Object> deployment : deployments) {
            List<String> resolvable = aliases(deployment).values().stream().map(names -> names.get(0)).sorted().toList();
            assertEquals(services, resolvable);
        }
    }

    private static List<Map<String, Object>> deployments(PodmanPlay.Played played) {
        return Yaml.loadAll(played.yaml()).stream().map(PodmanPlayTest::map)
                .filter(d -> "Deployment".equals(d.get("kind"))).toList();
    }

    private static Map<String, List<String>> aliases(Map<String, Object> deployment) {
        return list(podSpec(deployment).get("hostAliases")).stream().map(PodmanPlayTest::map).collect(
                Collectors.toMap(a -> (String) a.get("ip"),
                        a -> list(a.get("hostnames")).stream().map(String::valueOf).toList()));
    }

    private static Map<String, Object> podSpec(Map<String, Object> deployment) {
        return map(map(map(deployment.get("spec")).get("template")).get("spec"));
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        return first(list(podSpec(deployment).get("containers")));
    }

    private static Map<String, Object> first(List<Object> list) {
        return map(list.get(0));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
