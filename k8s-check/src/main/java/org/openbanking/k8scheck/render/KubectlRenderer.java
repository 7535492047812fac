package org.openbanking.k8scheck.render;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openbanking.k8scheck.model.Manifest;
import org.openbanking.k8scheck.model.Yaml;

/** {@code kubectl kustomize}: the renderer operators use. */
public final class KubectlRenderer implements Renderer {

    private final Path kubectl;

    private KubectlRenderer(Path kubectl) {
        this.kubectl = kubectl;
    }

    /** kubectl from the PATH; without it the check cannot run, and says so. */
    public static KubectlRenderer require() {
        return onPath().orElseThrow(() -> new RenderException("kubectl was not found on the PATH: k8s-check renders the "
                + "overlays with `kubectl kustomize` (install kubectl, e.g. Debian's kubernetes-client or the "
                + "upstream binary, and run again)"));
    }

    /** kubectl from the PATH, if there is one. */
    public static Optional<KubectlRenderer> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(new KubectlRenderer(candidate));
            }
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return "kubectl kustomize (" + kubectl + ")";
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Manifest> render(Path kustomization) {
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Path err = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(kubectl.toString(), "kustomize", kustomization.toString())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new RenderException("kubectl kustomize " + kustomization + " did not finish in 120 s");
                }
                if (process.exitValue() != 0) {
                    throw new RenderException("kubectl kustomize " + kustomization + " failed: "
                            + Files.readString(err, StandardCharsets.UTF_8).strip());
                }
                List<Manifest> manifests = new ArrayList<>();
                for (Object document : Yaml.loadAll(Files.readString(out, StandardCharsets.UTF_8))) {
                    manifests.add(new Manifest((Map<String, Object>) document));
                }
                return manifests;
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new RenderException("Could not run kubectl: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException("Interrupted while running kubectl", e);
        }
    }
}
