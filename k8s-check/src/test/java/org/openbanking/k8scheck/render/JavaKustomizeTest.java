package org.openbanking.k8scheck.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbanking.k8scheck.model.Manifest;
import org.openbanking.k8scheck.model.Yaml;

/**
 * The Java renderer renders like kubectl: on a fixture using every feature it implements (generators with hash
 * suffixes and merges, name references, namespace, images, replicas, strategic-merge patches by name and by target)
 * its output equals kubectl's recorded output, always; and where kubectl exists, the recorded output is still what
 * kubectl renders today. Anything it does not implement is refused with a message.
 */
class JavaKustomizeTest {

    private static final Path FIXTURE = Path.of("src/test/resources/kustomize-fixture");

    @Test
    void rendersTheFixtureAsKubectlDid() throws IOException {
        List<Manifest> recorded = recorded();
        List<Manifest> rendered = new JavaKustomize().render(FIXTURE.resolve("overlay"));
        assertEquals(10, recorded.size());
        assertEquals(List.of(), Renderers.differences("kubectl (recorded)", recorded, "the Java renderer", rendered));

        Optional<KubectlRenderer> kubectl = KubectlRenderer.onPath();
        if (kubectl.isPresent()) {
            List<Manifest> now = kubectl.get().render(FIXTURE.resolve("overlay"));
            assertEquals(List.of(), Renderers.differences("kubectl", now, "the recording", recorded),
                    "kubectl renders the fixture differently now: record it again with "
                            + "kubectl kustomize src/test/resources/kustomize-fixture/overlay > src/test/resources/kustomize-fixture/expected.yaml");
        } else {
            System.out.println("kubectl is not on the PATH: compared with kubectl's recorded output only");
        }
    }

    @Test
    void refusesWhatItDoesNotImplement(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\ncommonLabels:\n  a: b\n");
        RenderException refused = assertThrows(RenderException.class, () -> new JavaKustomize().render(dir));
        assertTrue(refused.getMessage().contains("uses 'commonLabels', which the Java renderer does not implement"),
                refused.getMessage());

        Files.writeString(dir.resolve("kustomization.yaml"),
                "resources: [cm.yaml]\npatches:\n  - target:\n      kind: ConfigMap\n"
                        + "    patch: |-\n      - op: add\n        path: /data/a\n        value: b\n");
        Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
        refused = assertThrows(RenderException.class, () -> new JavaKustomize().render(dir));
        assertTrue(refused.getMessage().contains("JSON 6902 patches are not implemented"), refused.getMessage());
    }

    @Test
    void refusesFilesOutsideTheKustomization(@TempDir Path dir) throws IOException {
        Path overlay = Files.createDirectories(dir.resolve("overlay"));
        Files.writeString(dir.resolve("secret.txt"), "x");
        Files.writeString(overlay.resolve("kustomization.yaml"),
                "configMapGenerator:\n  - name: c\n    files:\n      - ../secret.txt\n");
        RenderException refused = assertThrows(RenderException.class, () -> new JavaKustomize().render(overlay));
        assertTrue(refused.getMessage().contains("outside the kustomization's directory"), refused.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static List<Manifest> recorded() throws IOException {
        List<Manifest> recorded = new ArrayList<>();
        for (Object document : Yaml.loadAll(Files.readString(FIXTURE.resolve("expected.yaml"), StandardCharsets.UTF_8))) {
            recorded.add(new Manifest((Map<String, Object>) document));
        }
        return recorded;
    }
}
