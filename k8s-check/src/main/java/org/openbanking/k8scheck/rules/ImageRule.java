package org.openbanking.k8scheck.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openbanking.k8scheck.Overlay;
import org.openbanking.k8scheck.model.Tree;
import org.openbanking.k8scheck.model.Workload;
import org.openbanking.k8scheck.source.QuarkusService;

/**
 * Each service's image is built by {@code k8s/images/Containerfile.service} from the Quarkus fast-jar
 * ({@code target/quarkus-app}) as a numeric non-root user (so the kubelet can verify runAsNonRoot), and the pods run as
 * that same user. The port each service listens on is proved by playing the dev overlay (k8s/play), not read here.
 */
public final class ImageRule implements Rule {

    private static final String RULE = "image";
    private static final List<String> FAST_JAR = List.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar",
            "target/quarkus-app/app/", "target/quarkus-app/quarkus/");

    @Override
    public void check(Overlay overlay) {
        for (QuarkusService service : overlay.services()) {
            String where = "k8s/images/Containerfile.service (" + service.name() + ")";
            if (!Files.isRegularFile(service.containerfile())) {
                overlay.report(RULE, where, "missing: every service's image is built from it");
                continue;
            }
            String packaging = service.prod(Map.of()).raw("quarkus.package.jar.type");
            if (packaging != null && !packaging.equals("fast-jar")) {
                overlay.report(RULE, service.name(), "quarkus.package.jar.type=" + packaging
                        + ": the Containerfile copies the fast-jar layout");
            }
            List<String> lines = instructions(service);
            String user = null;
            for (String line : lines) {
                String[] words = line.split("\\s+");
                if (words[0].equalsIgnoreCase("USER")) {
                    user = words[1].split(":")[0];
                }
            }
            if (user == null || !user.matches("[0-9]+") || user.equals("0")) {
                overlay.report(RULE, where, "must end with USER <numeric non-root uid>, found " + user);
            }
            for (String part : FAST_JAR) {
                boolean copied = lines.stream().anyMatch(l -> l.toUpperCase().startsWith("COPY ") && l.contains("--chown=")
                        && l.contains(part));
                if (!copied) {
                    overlay.report(RULE, where, "must COPY --chown=<uid> " + part + " (the Quarkus fast-jar layout)");
                }
            }
            Optional<Workload> workload = overlay.manifests().workload(service.name());
            if (workload.isEmpty()) {
                continue;
            }
            Object runAsUser = Tree.at(workload.get().podSpec(), "securityContext", "runAsUser");
            Map<String, Object> container = overlay.mainContainer(workload.get());
            if (Tree.at(container, "securityContext", "runAsUser") != null) {
                runAsUser = Tree.at(container, "securityContext", "runAsUser");
            }
            if (user != null && runAsUser != null && !user.equals(String.valueOf(runAsUser))) {
                overlay.report(RULE, workload.get().ref(), "runs as uid " + runAsUser + ", but the image's files belong to uid "
                        + user + " (" + where + ")");
            }
        }
    }

    /** The Containerfile's instructions, continuation lines joined, comments dropped. */
    private static List<String> instructions(QuarkusService service) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        try {
            for (String line : Files.readAllLines(service.containerfile())) {
                String trimmed = line.strip();
                if (trimmed.startsWith("#") || trimmed.isEmpty()) {
                    continue;
                }
                if (trimmed.endsWith("\\")) {
                    current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                    continue;
                }
                current.append(trimmed);
                instructions.add(current.toString());
                current.setLength(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return instructions;
    }
}
