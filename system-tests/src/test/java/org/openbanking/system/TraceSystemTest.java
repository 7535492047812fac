package org.openbanking.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openbanking.system.TraceReceiver.ReceivedSpan;

/**
 * One partner call is one trace: the gateway's span (the root, with the interaction id, the partner and the consent),
 * consent-service's decision and the receipt, accounts-service's read, and their SQL, as the services export them over
 * OTLP to a receiver in this JVM. A revocation's trace reaches the gateways through the consent event stream.
 */
class TraceSystemTest {

    static final String GATEWAY = "http://localhost:" + SystemStack.GATEWAY;
    static final Duration WAIT = Duration.ofSeconds(30);
    static String partner;
    static String alice;
    static String account;
    static String consent;

    @BeforeAll
    static void aConsent() {
        SystemStack.start();
        partner = Tokens.partner();
        alice = Tokens.user("alice");
        account = Setup.accountsOf(GATEWAY, alice).get(0);
        consent = Setup.authorisedConsent(GATEWAY, partner, alice, List.of(account), 100);
    }

    @Test
    void aPartnerCallIsOneTraceAcrossTheGatewayTheServicesAndTheirSql() {
        String interaction = UUID.randomUUID().toString();
        // Without the user present: the gateway always asks consent-service (no cached permit).
        given().auth().oauth2(partner).header("x-consent-id", consent).header("x-fapi-interaction-id", interaction)
                .queryParam("fromBookingDateTime", "2026-01-01")
                .get("/open-banking/v3.1/aisp/accounts/{a}/transactions", account).then().statusCode(200);

        ReceivedSpan root = await(s -> s.isRoot() && interaction.equals(s.attributes().get("fapi.interaction_id")),
                "the gateway's span of the call");
        assertEquals("gateway", root.service());
        assertEquals("SERVER", root.kind());
        assertEquals("demo-messenger", root.attributes().get("ob.partner_id"));
        assertEquals(consent, root.attributes().get("ob.consent_id"));

        List<ReceivedSpan> trace = awaitTrace(root.traceId(), spans -> has(spans, "consent-service", "receipts")
                && has(spans, "consent-service", "access-decisions") && has(spans, "accounts-service", "transactions")
                && sql(spans, "consent-service") && sql(spans, "accounts-service"));
        System.out.println("[trace] one partner call, " + trace.size() + " spans:\n" + tree(trace, root, ""));
        assertEquals(Set.of("gateway", "consent-service", "accounts-service"),
                trace.stream().map(ReceivedSpan::service).collect(Collectors.toSet()));
        // The interaction id was passed on: the services' spans carry it too.
        assertTrue(trace.stream().filter(s -> s.service().equals("accounts-service") && s.kind().equals("SERVER"))
                .allMatch(s -> interaction.equals(s.attributes().get("fapi.interaction_id"))));
        // One root: every other span hangs under the gateway's.
        assertEquals(List.of(root), trace.stream().filter(ReceivedSpan::isRoot).toList());

        // The gateway's access log line of the call: JSON, with the trace and the interaction id, and neither the
        // query string nor the token.
        String line = awaitLogLine("gateway.log", interaction);
        System.out.println("[log] " + line);
        io.restassured.path.json.JsonPath json = new io.restassured.path.json.JsonPath(line);
        assertEquals("io.quarkus.http.access-log", json.getString("loggerName"));
        assertEquals(root.traceId(), json.getString("mdc.traceId"));
        assertEquals(interaction, json.getString("mdc.interactionId"));
        assertFalse(line.contains("fromBookingDateTime") || line.contains("2026-01-01"), line);
        assertFalse(line.contains(partner.substring(0, 20)) || line.toLowerCase().contains("bearer"), line);
    }

    /** The first line of a service's log (JSON, as deployed) that names the interaction id: waits up to 30 s. */
    private static String awaitLogLine(String file, String interaction) {
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("ob.root", "..")).toAbsolutePath().normalize()
                .resolve("system-tests/target/stack/logs").resolve(file);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var found = java.nio.file.Files.readAllLines(log).stream()
                        .filter(l -> l.contains(interaction) && l.contains("access-log")).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Timed.pause(200);
        }
        throw new AssertionError("no access log line of " + interaction + " in " + log);
    }

    @Test
    void aRevocationsTraceShowsTheGatewayHearingIt() {
        String doomed = Setup.authorisedConsent(GATEWAY, partner, alice, List.of(account), 100);
        String interaction = UUID.randomUUID().toString();
        given().auth().oauth2(alice).header("x-fapi-interaction-id", interaction)
                .post("/me/consents/{c}/revoke", doomed).then().statusCode(200);
        ReceivedSpan root = await(s -> s.isRoot() && interaction.equals(s.attributes().get("fapi.interaction_id")),
                "the gateway's span of the revocation");
        List<ReceivedSpan> trace = awaitTrace(root.traceId(),
                spans -> spans.stream().anyMatch(s -> s.service().equals("gateway")
                        && s.name().equals("consent event Revoked") && doomed.equals(s.attributes().get("ob.consent_id"))));
        System.out.println("[trace] a revocation, " + trace.size() + " spans:\n" + tree(trace, root, ""));
    }

    private static boolean has(List<ReceivedSpan> spans, String service, String route) {
        return spans.stream()
                .anyMatch(s -> s.service().equals(service) && s.kind().equals("SERVER") && s.name().contains(route));
    }

    /** A database client span of the service (the reactive PostgreSQL client's). */
    private static boolean sql(List<ReceivedSpan> spans, String service) {
        return spans.stream().anyMatch(s -> s.service().equals(service) && s.kind().equals("CLIENT")
                && s.attributes().keySet().stream().anyMatch(k -> k.startsWith("db.")));
    }

    /** Spans arrive in the services' export batches (every 200 ms here): waits up to 30 s. */
    private static ReceivedSpan await(Predicate<ReceivedSpan> which, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var found = TraceReceiver.shared().all().stream().filter(which).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Timed.pause(200);
        }
        throw new AssertionError("not received within " + WAIT + ": " + what);
    }

    private static List<ReceivedSpan> awaitTrace(String traceId, Predicate<List<ReceivedSpan>> complete) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!complete.test(TraceReceiver.shared().trace(traceId))) {
            if (System.nanoTime() > deadline) {
                List<ReceivedSpan> partial = TraceReceiver.shared().trace(traceId);
                throw new AssertionError("the trace is incomplete after " + WAIT + ": " + partial.stream()
                        .map(s -> s.service() + " " + s.kind() + " " + s.name() + " " + s.attributes().keySet()).toList());
            }
            Timed.pause(200);
        }
        Timed.pause(1000); // spans still being exported (the batch's, the cache's) settle shortly after
        List<ReceivedSpan> trace = TraceReceiver.shared().trace(traceId);
        assertFalse(trace.isEmpty());
        return trace;
    }

    /** The span tree as text, children in start order, with durations. */
    static String tree(List<ReceivedSpan> trace, ReceivedSpan span, String indent) {
        StringBuilder out = new StringBuilder(indent + span.service() + "  " + span.name() + "  (" + span.kind().toLowerCase()
                + ", " + span.millis() + " ms)\n");
        trace.stream().filter(s -> s.parentSpanId().equals(span.spanId()))
                .sorted(Comparator.comparingLong(ReceivedSpan::startNanos))
                .forEach(child -> out.append(tree(trace, child, indent + "  ")));
        return out.toString();
    }
}
