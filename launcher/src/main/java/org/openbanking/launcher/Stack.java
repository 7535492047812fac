package org.openbanking.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts the platform's pieces in order and stops them in reverse: embedded PostgreSQL (unless an external one is
 * configured), one database per service, then each service as its own JVM with the settings it reads in production.
 */
public final class Stack implements AutoCloseable {

    /** A piece could not start; the message says what to do, and no stack trace is needed. */
    public static final class LaunchException extends RuntimeException {

        public LaunchException(String message) {
            super(message, null, false, false);
        }
    }

    private final LaunchConfig config;
    private final Consumer<String> progress;
    private final long started = System.nanoTime();
    private final List<Process> processes = new ArrayList<>();
    private final Map<String, Process> byName = new java.util.LinkedHashMap<>();
    private final Map<String, Map<String, String>> extraEnvironment = new HashMap<>();
    private EmbeddedPostgres postgres;
    private Process keycloak;

    public Stack(LaunchConfig config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
    }

    public void start() {
        checkPortsFree();
        startKeycloak(config.reset());
        startPostgres();
        for (String service : LaunchConfig.SERVICES) {
            Process process = startService(service);
            processes.add(process);
            byName.put(service, process);
        }
        for (String service : LaunchConfig.SERVICES) {
            awaitReady(service, Duration.ofSeconds(90));
        }
        awaitKeycloak(Duration.ofSeconds(180));
        warmUp(Duration.ofSeconds(60));
        // Also with a shared Keycloak (the fault tests' second platform): wherever the realm has the demo users.
        say("Demo users linked to their banks (" + DemoLinks.link(config) + " new links)");
        // accounts-service has migrated its database by now: the sandbox data can go in (shown for linked banks).
        int loaded = SandboxLoader.load(jdbcUrl("accounts"), config.dbUser(), config.dbPassword(), java.time.LocalDate.now());
        say("Sandbox data for alice and bob loaded (" + loaded + " new transactions)");
        if (!config.externalKeycloak()) {
            say("Demo offers of bank-alpha and bank-beta published (" + DemoOffers.publish(config) + " new)");
        }
    }

    /** The JDBC URL of one service's database: for tests that count what was stored. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + dbHost() + ":" + config.postgresPort() + "/" + database;
    }

    private void checkPortsFree() {
        Map<String, Integer> ports = new HashMap<>(config.servicePorts());
        config.servicePorts().forEach((service, port) -> ports.put(service + " (management)",
                LaunchConfig.managementPort(port)));
        if (config.externalDbHost() == null) {
            ports.put("embedded PostgreSQL (OB_PG_PORT)", config.postgresPort());
        }
        if (!config.externalKeycloak()) {
            ports.put("Keycloak (OB_KEYCLOAK_PORT)", config.keycloakPort());
        }
        ports.forEach((what, port) -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("localhost", port));
            } catch (IOException e) {
                throw new LaunchException("Port " + port + " for " + what + " is already in use. Stop what uses it, or "
                        + "choose another port (see README: OB_*_PORT).");
            }
        });
    }

    /** Keycloak starts first: it takes longest (about 75 s the first time, 25 s after), the rest starts meanwhile. */
    private void startKeycloak(boolean reset) {
        if (config.externalKeycloak()) {
            say("Using the external Keycloak at " + config.keycloakUrl());
            return;
        }
        Path home = Keycloak.home(config);
        if (reset) {
            try {
                deleteRecursively(home.resolve("data/h2"));
            } catch (IOException e) {
                throw new LaunchException("Could not reset Keycloak's data: " + e.getMessage());
            }
        }
        Keycloak.prepareRealm(home, config.root().resolve("keycloak/openbanking-realm.json"),
                config.servicePorts().get("gateway"));
        Path log = logs().resolve("keycloak.log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + config.keycloakPort(), "--import-realm")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // Dev-only bootstrap admin of the local Keycloak.
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            keycloak = builder.start();
        } catch (IOException e) {
            throw new LaunchException("Keycloak did not start: " + e.getMessage());
        }
        say("Starting Keycloak " + Keycloak.VERSION + " on port " + config.keycloakPort() + " (log: " + log + ")");
    }

    private void awaitKeycloak(Duration timeout) {
        URI realm = URI.create(config.keycloakUrl() + "/realms/openbanking/.well-known/openid-configuration");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (keycloak != null && !keycloak.isAlive()) {
                throw new LaunchException("Keycloak stopped while starting; see " + logs().resolve("keycloak.log"));
            }
            try {
                if (client.send(HttpRequest.newBuilder(realm).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    say("Keycloak ready at " + config.keycloakUrl() + " (realm openbanking)");
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchException("Interrupted while waiting for Keycloak");
            }
            sleep(500);
        }
        throw new LaunchException(
                "Keycloak was not ready within " + timeout.toSeconds() + " s; see " + logs().resolve("keycloak.log"));
    }

    /**
     * One partner call through the gateway until it is answered: the first calls through fresh JVMs load classes and
     * fetch keys and tokens, and would otherwise meet the gateway's timeouts (a 503) on the user's first try.
     */
    private void warmUp(Duration timeout) {
        if (config.externalKeycloak()) {
            return; // no dev secrets to warm up with
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String token = DemoOffers.token(client, config, "demo-messenger");
                int status = client.send(HttpRequest.newBuilder(URI.create(config.url("gateway")
                        + "/open-banking/v3.1/aisp/account-access-consents/aac-warm-up"))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 404) {
                    say("Warmed up: the gateway answers partner calls");
                    return;
                }
            } catch (IOException e) {
                // not yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sleep(500);
        }
        say("The warm-up call was not answered in time; the first calls may be slow");
    }

    private Path logs() {
        Path logs = config.dataDir().resolve("logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return logs;
    }

    private void startPostgres() {
        if (config.externalDbHost() != null) {
            say("Using the external PostgreSQL at " + config.externalDbHost() + ":" + config.postgresPort());
            createDatabases();
            return;
        }
        Path pgData = config.dataDir().resolve("postgres");
        try {
            if (config.reset()) {
                deleteRecursively(pgData);
            }
            Files.createDirectories(pgData);
            say("Starting embedded PostgreSQL 17 (data in " + pgData + ")");
            postgres = startEmbeddedPostgres(pgData);
        } catch (IOException e) {
            throw new LaunchException("Embedded PostgreSQL did not start: " + e.getMessage());
        }
        say("PostgreSQL ready on port " + config.postgresPort());
        createDatabases();
    }

    private void createDatabases() {
        String url = jdbcUrl("postgres");
        try (Connection c = DriverManager.getConnection(url, config.dbUser(), config.dbPassword())) {
            for (String service : LaunchConfig.SERVICES) {
                String db = LaunchConfig.databaseOf(service);
                if (db == null) {
                    continue;
                }
                try (PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                    exists.setString(1, db);
                    try (ResultSet rs = exists.executeQuery(); Statement create = c.createStatement()) {
                        if (!rs.next()) {
                            create.execute("create database " + db);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new LaunchException("Could not prepare the databases at " + url + ": " + e.getMessage());
        }
    }

    private Process startService(String service) {
        Path jar = config.root().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new LaunchException(service + " is not built (" + jar + " is missing): run ./mvnw install -DskipTests");
        }
        Path logs = logs();
        List<String> command = List.of(javaBin(), "-Xms32m", "-Xmx128m", "-XX:+UseSerialGC", "-jar", jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(service + ".log").toFile());
        builder.environment().putAll(environmentOf(service));
        builder.environment().putAll(extraEnvironment.getOrDefault(service, Map.of()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new LaunchException(service + " did not start: " + e.getMessage());
        }
        say("Starting " + service + " on port " + config.servicePorts().get(service) + " (log: "
                + logs.resolve(service + ".log")
                + ")");
        return process;
    }

    /**
     * Another gateway replica on its own port, beside the stack's: for showing that revocation reaches every replica.
     * Stopped with the stack.
     */
    public String startExtraGateway(int port) {
        Path jar = config.root().resolve("gateway/target/quarkus-app/quarkus-run.jar");
        Path log = logs().resolve("gateway-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(javaBin(), "-Xms32m", "-Xmx128m", "-XX:+UseSerialGC", "-jar",
                jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environmentOf("gateway"));
        builder.environment().putAll(extraEnvironment.getOrDefault("gateway", Map.of()));
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("MANAGEMENT_PORT", String.valueOf(LaunchConfig.managementPort(port)));
        try {
            Process process = builder.start();
            processes.add(process);
            byName.put("gateway-" + port, process);
        } catch (IOException e) {
            throw new LaunchException("A second gateway did not start: " + e.getMessage());
        }
        String url = "http://localhost:" + port;
        awaitUrl("http://localhost:" + LaunchConfig.managementPort(port) + "/q/health/ready", "gateway on port " + port,
                processes.get(processes.size() - 1),
                Duration.ofSeconds(90));
        return url;
    }

    /** The settings a service reads in its %prod profile: the same names the Kubernetes manifests set. */
    Map<String, String> environmentOf(String service) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(config.servicePorts().get(service)));
        env.put("MANAGEMENT_PORT", String.valueOf(LaunchConfig.managementPort(config.servicePorts().get(service))));
        // Only the gateway (and Keycloak) face outside: the services' API ports and every management port listen on
        // the loopback interface alone (in Kubernetes, NetworkPolicies do that job).
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        if (!"gateway".equals(service)) {
            env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        }
        String db = LaunchConfig.databaseOf(service);
        if (db != null) {
            String hostPort = dbHost() + ":" + config.postgresPort() + "/" + db;
            env.put("DB_REACTIVE_URL", "postgresql://" + hostPort);
            env.put("DB_JDBC_URL", "jdbc:postgresql://" + hostPort);
            env.put("DB_USER", config.dbUser());
            env.put("DB_PASSWORD", config.dbPassword());
        }
        env.put("OIDC_AUTH_SERVER_URL", config.keycloakUrl() + "/realms/openbanking");
        env.put("KEYCLOAK_URL", config.keycloakUrl());
        // The local realm is the dev realm: localhost redirect URIs are fine for partners onboarded here.
        env.put("ALLOW_LOCALHOST_REDIRECTS", "true");
        // Dev-only demo secrets of the local realm (see the realm file); deployments take them from Secrets.
        env.put("OIDC_CLIENT_SECRET", service + "-secret");
        if ("gateway".equals(service)) {
            // Dev-only: keys the dashboard's CSRF tokens and session cookies; plain http on localhost, so no Secure.
            env.put("DASHBOARD_SECRET", "dev-only-dashboard-secret-of-the-local-run-0123456789");
            env.put("DASHBOARD_SECURE_COOKIES", "false");
        }
        env.put("PUBLIC_BASE_URL", config.url("gateway"));
        env.put("CONSENT_SERVICE_URL", config.url("consent-service"));
        env.put("ACCOUNTS_SERVICE_URL", config.url("accounts-service"));
        env.put("OFFERS_SERVICE_URL", config.url("partner-offers-service"));
        return env;
    }

    /**
     * An extra setting for a service's processes (and the gateway's extra replicas), on top of what it reads in
     * production; set before {@link #start()}. For the benchmarks, e.g. a raised rate limit.
     */
    public void putEnvironment(String service, String name, String value) {
        extraEnvironment.computeIfAbsent(service, s -> new HashMap<>()).put(name, value);
    }

    /**
     * The running processes by name: each service, {@code gateway-<port>} for extra replicas, and {@code keycloak}
     * (its start script; the JVM is a child of it). For the benchmarks' CPU and memory figures.
     */
    public Map<String, ProcessHandle> processes() {
        Map<String, ProcessHandle> handles = new java.util.LinkedHashMap<>();
        byName.forEach((name, process) -> handles.put(name, process.toHandle()));
        if (keycloak != null) {
            handles.put("keycloak", keycloak.toHandle());
        }
        return handles;
    }

    /**
     * Stops one of the stack's services, or {@code keycloak}, and starts it again alone, returning the time from its
     * start to ready (health ready, or Keycloak's realm served). For the benchmarks' startup figures.
     */
    public Duration restart(String name) {
        if ("keycloak".equals(name)) {
            if (config.externalKeycloak()) {
                throw new LaunchException("An external Keycloak is not restarted");
            }
            stop(keycloak, 15);
            long started = System.nanoTime();
            startKeycloak(false);
            awaitKeycloak(Duration.ofSeconds(180));
            return Duration.ofNanos(System.nanoTime() - started);
        }
        int index = List.of(LaunchConfig.SERVICES).indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("Not a service of the stack: " + name);
        }
        Process old = byName.get(name);
        stop(old, 10);
        long started = System.nanoTime();
        Process process = startService(name);
        processes.set(processes.indexOf(old), process);
        byName.put(name, process);
        awaitReady(name, Duration.ofSeconds(90));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static void stop(Process process, int seconds) {
        process.destroy();
        try {
            if (!process.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(String service, Duration timeout) {
        Process process = byName.get(service);
        awaitUrl(config.managementUrl(service) + "/q/health/ready", service, process, timeout);
        say(service + " ready at " + config.url(service));
    }

    private void awaitUrl(String url, String what, Process process, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI ready = URI.create(url);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new LaunchException(
                        what + " stopped while starting; see the logs in " + config.dataDir().resolve("logs"));
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchException("Interrupted while waiting for " + what);
            }
            sleep(250);
        }
        throw new LaunchException(what + " was not ready within " + timeout.toSeconds() + " s; see the logs in "
                + config.dataDir().resolve("logs"));
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        byName.clear();
        if (keycloak != null) {
            keycloak.destroy();
            try {
                if (!keycloak.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                    keycloak.destroyForcibly();
                }
            } catch (InterruptedException e) {
                keycloak.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            keycloak = null;
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // stopping anyway
            }
            postgres = null;
        }
    }

    private EmbeddedPostgres startEmbeddedPostgres(Path pgData) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPort(config.postgresPort())
                .start();
    }

    /**
     * Ends a service's process at once (SIGKILL), as a crash would: no shutdown, open connections reset. {@link #restart}
     * starts it again. For the fault tests.
     */
    public void kill(String service) {
        Process process = byName.get(service);
        if (process == null) {
            throw new IllegalArgumentException("Not a running process of the stack: " + service);
        }
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Freezes a service (SIGSTOP) or lets it go on (SIGCONT): frozen, it keeps its connections open and its port bound but
     * answers nothing, as a hung process would. For the fault tests.
     */
    public void freeze(String service, boolean frozen) {
        Process process = byName.get(service);
        if (process == null) {
            throw new IllegalArgumentException("Not a running process of the stack: " + service);
        }
        // The shell's own kill: no procps needed.
        ProcessBuilder kill = new ProcessBuilder("sh", "-c", "kill -" + (frozen ? "STOP" : "CONT") + " " + process.pid());
        try {
            if (kill.inheritIO().start().waitFor() != 0) {
                throw new IllegalStateException("Could not signal " + service);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the embedded PostgreSQL (a fast shutdown: every session ends, committed data stays) and starts it again on
     * the same data and port, returning how long it was away. The services are not told. For the fault tests.
     */
    public Duration restartPostgres() {
        if (postgres == null) {
            throw new LaunchException("Only the embedded PostgreSQL is restarted");
        }
        long stopping = System.nanoTime();
        try {
            postgres.close();
            postgres = startEmbeddedPostgres(config.dataDir().resolve("postgres"));
        } catch (IOException e) {
            throw new LaunchException("Embedded PostgreSQL did not start again: " + e.getMessage());
        }
        return Duration.ofNanos(System.nanoTime() - stopping);
    }

    public long elapsedMillis() {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private String dbHost() {
        return config.externalDbHost() != null ? config.externalDbHost() : "localhost";
    }

    private void say(String message) {
        progress.accept(String.format("[%5.1fs] %s", elapsedMillis() / 1000.0, message));
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
