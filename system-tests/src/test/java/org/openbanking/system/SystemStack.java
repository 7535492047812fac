package org.openbanking.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.openbanking.launcher.LaunchConfig;
import org.openbanking.launcher.Stack;

import io.restassured.RestAssured;

/**
 * The whole platform, started once per test JVM by the launcher's own code, on ports of its own (so a developer's
 * ./run is not disturbed) with a fresh data folder under target/.
 */
final class SystemStack {

    static final int GATEWAY = 18080;
    static final int KEYCLOAK = 18180;
    static final int ACCOUNTS = 18082;
    private static Stack stack;
    private static LaunchConfig config;
    private static String secondGateway;

    private SystemStack() {
    }

    static synchronized LaunchConfig start() {
        if (stack != null) {
            return config;
        }
        Path root = Path.of(System.getProperty("ob.root", "..")).toAbsolutePath().normalize();
        config = new LaunchConfig(root, root.resolve("system-tests/target/stack"), 55433, null, "postgres", "postgres",
                "http://localhost:" + KEYCLOAK, false, KEYCLOAK,
                Map.of("gateway", GATEWAY, "consent-service", 18081, "accounts-service", ACCOUNTS, "partner-offers-service",
                        18083),
                true);
        Stack starting = new Stack(config, line -> System.out.println("[stack] " + line));
        // Every service exports its spans to the receiver of this JVM (TraceSystemTest), quickly rather than in 5 s batches.
        for (String service : List.of("gateway", "consent-service", "accounts-service", "partner-offers-service")) {
            starting.putEnvironment(service, "OTEL_SDK_DISABLED", "false");
            starting.putEnvironment(service, "OTEL_EXPORTER_OTLP_ENDPOINT", TraceReceiver.shared().endpoint());
            starting.putEnvironment(service, "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(starting::close));
        starting.start();
        stack = starting; // only a stack that started is reused by the next test class
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = GATEWAY;
        warmUp();
        // From here on, every response of the gateways' public API is checked against the contract they serve.
        RestAssured.filters(new ContractValidation("http://localhost:" + GATEWAY + "/q/openapi?format=json",
                java.util.Set.of(GATEWAY, 18090)));
        return config;
    }

    /** Another gateway replica beside the stack's (started once). */
    static synchronized String secondGateway() {
        if (secondGateway == null) {
            secondGateway = stack.startExtraGateway(18090);
        }
        return secondGateway;
    }

    /** A gateway replica of the caller's own on this port, beside the stack's (which stay untouched); its URL. */
    static String extraGateway(int port) {
        return stack.startExtraGateway(port);
    }

    /** SIGTERM to one of the stack's processes (e.g. {@code gateway-<port>}); completes when it has exited. */
    static CompletableFuture<Process> terminate(String name) {
        return stack.terminate(name);
    }

    /** A JDBC URL of one of the stack's databases (user and password: postgres). */
    static String jdbc(String database) {
        return stack.jdbcUrl(database);
    }

    static String tokenUrl() {
        return "http://localhost:" + KEYCLOAK + "/realms/openbanking/protocol/openid-connect/token";
    }

    /**
     * The first calls through freshly started JVMs are slow (class loading, JIT, first tokens) and may hit the
     * gateway's timeouts; one warm-up round trip per route family, retried for up to a minute, before the story runs.
     */
    private static void warmUp() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String partner = Tokens.partner();
        while (System.nanoTime() < deadline) {
            int status = RestAssured.given().auth().oauth2(partner)
                    .get("/open-banking/v3.1/aisp/account-access-consents/aac-warm-up").statusCode();
            if (status == 404) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("the gateway did not answer a warm-up call within a minute");
    }
}
