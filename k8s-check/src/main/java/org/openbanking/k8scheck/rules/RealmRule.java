package org.openbanking.k8scheck.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.openbanking.k8scheck.Overlay;
import org.openbanking.k8scheck.model.Tree;
import org.openbanking.k8scheck.model.Workload;

/**
 * A realm Keycloak imports from a ConfigMap is the versioned one in keycloak/ (kustomize cannot read files outside an
 * overlay, so the dev overlay keeps a copy; this keeps the copy from drifting).
 */
public final class RealmRule implements Rule {

    @Override
    public void check(Overlay overlay) {
        Workload keycloak = overlay.manifests().workload(Calls.KEYCLOAK).orElse(null);
        if (keycloak == null) {
            return;
        }
        for (Map<String, Object> volume : Tree.maps(keycloak.podSpec(), "volumes")) {
            String configMap = Tree.string(volume, "configMap", "name");
            if (configMap == null) {
                continue;
            }
            overlay.manifests().data("ConfigMap", configMap).orElse(Map.of()).forEach((file, content) -> {
                Path versioned = overlay.repository().root().resolve("keycloak").resolve(file);
                if (file.endsWith(".json") && Files.isRegularFile(versioned) && !content.equals(read(versioned))) {
                    overlay.report("realm", "ConfigMap/" + configMap, file + " differs from keycloak/" + file
                            + ": copy the versioned realm into the overlay");
                }
            });
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
