package org.openbanking.system;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openbanking.launcher.LaunchConfig;
import org.openbanking.launcher.Stack;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A second platform for the tests that break things: its own four services on 20080-20083 and its own embedded
 * PostgreSQL (55435), sharing only {@link SystemStack}'s Keycloak, so that killing a service or restarting the database
 * here leaves the other system tests alone. Its gateway reaches accounts-service through a WireMock proxy that passes
 * everything through until a test switches a fault on.
 */
final class FaultStack {

    // 2000 above SystemStack's ports: each stack's management ports are its API ports + 1000.
    static final int GATEWAY = 20080;
    static final int ACCOUNTS = 20082;
    static final int ACCOUNTS_PROXY = 19089;
    static final String GATEWAY_URL = "http://localhost:" + GATEWAY;
    private static Stack stack;
    private static WireMockServer accountsProxy;

    private FaultStack() {
    }

    static synchronized Stack start() {
        if (stack != null) {
            return stack;
        }
        SystemStack.start(); // its Keycloak serves this platform too
        Path root = Path.of(System.getProperty("ob.root", "..")).toAbsolutePath().normalize();
        WireMockServer proxy = new WireMockServer(wireMockConfig().port(ACCOUNTS_PROXY).containerThreads(64));
        proxy.start();
        proxy.stubFor(any(anyUrl()).atPriority(10)
                .willReturn(aResponse().proxiedFrom("http://localhost:" + ACCOUNTS)));
        LaunchConfig config = new LaunchConfig(root, root.resolve("system-tests/target/fault-stack"), 55435, null,
                "postgres", "postgres", "http://localhost:" + SystemStack.KEYCLOAK, true, SystemStack.KEYCLOAK,
                Map.of("gateway", GATEWAY, "consent-service", 20081, "accounts-service", ACCOUNTS,
                        "partner-offers-service", 20083),
                true);
        Stack starting = new Stack(config, line -> System.out.println("[fault-stack] " + line));
        starting.putEnvironment("gateway", "ACCOUNTS_SERVICE_URL", proxy.baseUrl());
        // The crash test proves that a permit decided from the cache while consent-service is frozen still sends
        // nothing without its receipt. Under this stack's load (two platforms on two cores) heartbeats arrive late
        // often enough that the 900 ms of a deployment would leave the cache unused at the freeze; the revocation
        // budget itself is tested on SystemStack with the deployed value.
        starting.putEnvironment("gateway", "GATEWAY_DECISION_CACHE_STALE_AFTER", "3s");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            starting.close();
            proxy.stop();
        }));
        try {
            starting.start();
        } catch (RuntimeException e) {
            // Nothing half-started stays behind: the next test class that needs the stack starts it afresh.
            starting.close();
            proxy.stop();
            throw e;
        }
        stack = starting;
        accountsProxy = proxy;
        awaitPartnerCalls(Duration.ofSeconds(60));
        return stack;
    }

    /** The proxy between the gateway and accounts-service: tests add fault stubs above the pass-through and remove them. */
    static WireMockServer accountsProxy() {
        return accountsProxy;
    }

    /** Starts a service again if it does not answer its readiness check (a test that failed half-way left it down). */
    static void ensureReady(String service) {
        int port = org.openbanking.launcher.LaunchConfig.managementPort(
                Map.of("consent-service", 20081, "accounts-service", ACCOUNTS, "partner-offers-service", 20083).get(service));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        try {
            HttpResponse<Void> ready = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            if (ready.statusCode() == 200) {
                return;
            }
        } catch (IOException e) {
            // down or frozen: started again below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        stack.kill(service);
        stack.restart(service);
    }

    static String jdbc(String database) {
        return stack.jdbcUrl(database);
    }

    /**
     * Until the gateway answers a partner call through every hop (fresh JVMs meet the timeouts at first); the stack's
     * own warm-up needs the dev secrets of a Keycloak it started itself.
     */
    static void awaitPartnerCalls(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String partner = Tokens.partner();
        while (System.nanoTime() < deadline) {
            if (Timed.get(GATEWAY_URL + "/open-banking/v3.1/aisp/account-access-consents/aac-warm-up", partner)
                    .status() == 404) {
                return;
            }
            Timed.pause(250);
        }
        throw new IllegalStateException("the fault stack's gateway did not answer within " + timeout.toSeconds() + " s");
    }
}
