package org.openbanking.k8scheck.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openbanking.k8scheck.Overlay;
import org.openbanking.k8scheck.model.Workload;

/**
 * Keycloak's version has one source, the root pom's {@code keycloak.version} (the launcher, the system tests and the
 * benchmarks run that distribution): every Keycloak image the manifests name is that version, so what is tested is
 * what is deployed. The image itself needs no check: k8s/images/build makes it from that same distribution zip and tags
 * it with the zip's version.
 */
public final class KeycloakVersionRule implements Rule {

    private static final String RULE = "keycloak-version";
    private static final Pattern POM_VERSION = Pattern.compile("<keycloak\\.version>([^<]+)</keycloak\\.version>");

    @Override
    public void check(Overlay overlay) {
        Path root = overlay.repository().root();
        Matcher pom = POM_VERSION.matcher(read(root.resolve("pom.xml")));
        if (!pom.find()) {
            overlay.report(RULE, "pom.xml", "names no keycloak.version: the one source of Keycloak's version");
            return;
        }
        String version = pom.group(1).strip();
        for (Workload workload : overlay.manifests().workloads()) {
            for (Map<String, Object> container : workload.allContainers()) {
                String image = String.valueOf(container.get("image"));
                int colon = image.lastIndexOf(':');
                String repository = colon < 0 ? image : image.substring(0, colon);
                if (repository.endsWith("/keycloak") && !image.substring(colon + 1).equals(version)) {
                    overlay.report(RULE, workload.ref(), "image " + image + " is not the build's Keycloak " + version
                            + " (pom.xml keycloak.version)");
                }
            }
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
