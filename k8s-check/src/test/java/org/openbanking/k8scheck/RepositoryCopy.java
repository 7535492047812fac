package org.openbanking.k8scheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import org.openbanking.k8scheck.source.QuarkusService;
import org.openbanking.k8scheck.source.Repository;

/** The repository as the check reads it, and a copy of those parts to break on purpose. */
final class RepositoryCopy {

    private RepositoryCopy() {
    }

    /** The repository under test (set by the build; the module's parent directory otherwise). */
    static Path root() {
        String configured = System.getProperty("k8s-check.repo-root");
        return Path.of(configured != null ? configured : "..").toAbsolutePath().normalize();
    }

    /** The root pom, k8s/, keycloak/ and each service's pom and src/main, copied into {@code target}. */
    static Path of(Path root, Path target) {
        copy(root.resolve("pom.xml"), target.resolve("pom.xml"));
        copy(root.resolve("k8s"), target.resolve("k8s"));
        copy(root.resolve("keycloak"), target.resolve("keycloak"));
        for (QuarkusService service : new Repository(root).services()) {
            Path module = target.resolve(service.name());
            copy(service.dir().resolve("pom.xml"), module.resolve("pom.xml"));
            copy(service.dir().resolve("src/main"), module.resolve("src/main"));
        }
        return target;
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path destination = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
