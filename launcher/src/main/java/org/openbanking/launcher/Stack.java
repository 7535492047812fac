package org.openbanking.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Starts the platform's pieces in order: Keycloak first (it takes longest) and embedded PostgreSQL with one database
 * per service (each unless an external one is configured), then each service as its own JVM with the settings it reads
 * in production, and once all are ready the demo data; stops them again, services first. Each piece has a class of its
 * own ({@link KeycloakProcess}, {@link Databases}, {@link ServiceProcesses}); this one knows the order, and is what
 * ./run, the system tests and the benchmarks hold.
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
    private final Databases databases;
    private final KeycloakProcess keycloak;
    private final ServiceEnvironment environment;
    private final ServiceProcesses services;

    public Stack(LaunchConfig config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
        this.databases = new Databases(config, this::say);
        this.keycloak = new KeycloakProcess(config, this::say);
        this.environment = new ServiceEnvironment(config);
        this.services = new ServiceProcesses(config, environment, this::say);
    }

    public void start() {
        PortCheck.requireFree(config);
        keycloak.start(config.reset());
        databases.start();
        for (String service : LaunchConfig.SERVICES) {
            services.start(service);
        }
        for (String service : LaunchConfig.SERVICES) {
            services.awaitReady(service, Duration.ofSeconds(90));
        }
        keycloak.awaitReady(Duration.ofSeconds(180));
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
        return config.jdbcUrl(database);
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
            Processes.pause(500);
        }
        say("The warm-up call was not answered in time; the first calls may be slow");
    }

    /**
     * Another gateway replica on its own port, beside the stack's: for showing that revocation reaches every replica.
     * Stopped with the stack.
     */
    public String startExtraGateway(int port) {
        return services.startExtraGateway(port);
    }

    /**
     * An extra setting for a service's processes (and the gateway's extra replicas), on top of what it reads in
     * production; set before {@link #start()}. For the benchmarks, e.g. a raised rate limit.
     */
    public void putEnvironment(String service, String name, String value) {
        environment.put(service, name, value);
    }

    /**
     * The running processes by name: each service, {@code gateway-<port>} for extra replicas, and {@code keycloak}
     * (its start script; the JVM is a child of it). For the benchmarks' CPU and memory figures.
     */
    public Map<String, ProcessHandle> processes() {
        Map<String, ProcessHandle> handles = services.handles();
        ProcessHandle keycloakHandle = keycloak.handle();
        if (keycloakHandle != null) {
            handles.put("keycloak", keycloakHandle);
        }
        return handles;
    }

    /**
     * Stops one of the stack's services, or {@code keycloak}, and starts it again alone, returning the time from its
     * start to ready (health ready, or Keycloak's realm served). For the benchmarks' startup figures.
     */
    public Duration restart(String name) {
        if ("keycloak".equals(name)) {
            return keycloak.restart();
        }
        return services.restart(name);
    }

    /**
     * Ends a service's process at once (SIGKILL), as a crash would: no shutdown, open connections reset. {@link #restart}
     * starts it again. For the fault tests.
     */
    public void kill(String service) {
        services.kill(service);
    }

    /**
     * Stops a process the way Kubernetes stops a pod's container once its pre-stop delay has passed (SIGTERM), without
     * waiting: the future completes when the process has exited. Takes a name of {@link #processes()} (not Keycloak).
     * For the graceful-stop test, which keeps calling the replica while it stops.
     */
    public CompletableFuture<Process> terminate(String name) {
        return services.terminate(name);
    }

    /**
     * Freezes a service (SIGSTOP) or lets it go on (SIGCONT): frozen, it keeps its connections open and its port bound but
     * answers nothing, as a hung process would. For the fault tests.
     */
    public void freeze(String service, boolean frozen) {
        services.freeze(service, frozen);
    }

    /**
     * Stops the embedded PostgreSQL (a fast shutdown: every session ends, committed data stays) and starts it again on
     * the same data and port, returning how long it was away. The services are not told. For the fault tests.
     */
    public Duration restartPostgres() {
        return databases.restart();
    }

    /** The services first (in reverse order of their start), then Keycloak, then PostgreSQL. */
    @Override
    public void close() {
        services.close();
        keycloak.close();
        databases.close();
    }

    public long elapsedMillis() {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private void say(String message) {
        progress.accept(String.format("[%5.1fs] %s", elapsedMillis() / 1000.0, message));
    }
}
