package org.openbanking.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The stack's own Keycloak process (none when {@code OB_KEYCLOAK_URL} names an external one): started in dev mode
 * from the distribution that {@link Keycloak} unpacks, with the project's realm, and awaited until it serves that realm.
 */
final class KeycloakProcess {

    private final LaunchConfig config;
    private final Consumer<String> say;
    private Process process;

    KeycloakProcess(LaunchConfig config, Consumer<String> say) {
        this.config = config;
        this.say = say;
    }

    /** Keycloak starts first: it takes longest (about 75 s the first time, 25 s after), the rest starts meanwhile. */
    void start(boolean reset) {
        if (config.externalKeycloak()) {
            say.accept("Using the external Keycloak at " + config.keycloakUrl());
            return;
        }
        Path home = Keycloak.home(config);
        if (reset) {
            try {
                DataFolder.deleteRecursively(home.resolve("data/h2"));
            } catch (IOException e) {
                throw new Stack.LaunchException("Could not reset Keycloak's data: " + e.getMessage());
            }
        }
        Keycloak.prepareRealm(home, config.root().resolve("keycloak/openbanking-realm.json"),
                config.servicePorts().get("gateway"));
        Path log = DataFolder.logs(config).resolve("keycloak.log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + config.keycloakPort(), "--import-realm")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // Dev-only bootstrap admin of the local Keycloak.
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new Stack.LaunchException("Keycloak did not start: " + e.getMessage());
        }
        say.accept("Starting Keycloak " + Keycloak.VERSION + " on port " + config.keycloakPort() + " (log: " + log + ")");
    }

    /** Until the realm's OpenID configuration is served; an external Keycloak is awaited the same way. */
    void awaitReady(Duration timeout) {
        URI realm = URI.create(config.keycloakUrl() + "/realms/openbanking/.well-known/openid-configuration");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new Stack.LaunchException(
                        "Keycloak stopped while starting; see " + DataFolder.logs(config).resolve("keycloak.log"));
            }
            try {
                if (client.send(HttpRequest.newBuilder(realm).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    say.accept("Keycloak ready at " + config.keycloakUrl() + " (realm openbanking)");
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stack.LaunchException("Interrupted while waiting for Keycloak");
            }
            Processes.pause(500);
        }
        throw new Stack.LaunchException("Keycloak was not ready within " + timeout.toSeconds() + " s; see "
                + DataFolder.logs(config).resolve("keycloak.log"));
    }

    /** Stops Keycloak and starts it again on the same data, returning the time from its start to its realm served. */
    Duration restart() {
        if (config.externalKeycloak()) {
            throw new Stack.LaunchException("An external Keycloak is not restarted");
        }
        Processes.stop(process, 15);
        long started = System.nanoTime();
        start(false);
        awaitReady(Duration.ofSeconds(180));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Its start script (the JVM is a child of it); null with an external Keycloak or once stopped. */
    ProcessHandle handle() {
        return process != null ? process.toHandle() : null;
    }

    void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }
}
