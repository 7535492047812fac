package org.openbanking.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openbanking.consent.Api.authorisedConsent;
import static org.openbanking.consent.Api.newPartner;
import static org.openbanking.consent.Api.newUser;
import static org.openbanking.consent.Api.userAction;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The stream the gateways subscribe to: heartbeats every second, and every transition once it commits. */
@QuarkusTest
class ConsentEventsTest {

    @TestHTTPResource("/internal/consent-events")
    URL events;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRevocationReachesSubscribersWithinASecondOfReturning() throws Exception {
        String partner = newPartner();
        String alice = newUser();
        String consentId = authorisedConsent(partner, alice, "acc-1");

        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> response = subscribe(received);
        try {
            // Heartbeats prove the path through PostgreSQL works.
            JsonNode heartbeat = next(received, "Heartbeat", null, 5000);
            assertNotNull(heartbeat, "a heartbeat within 5 s");

            userAction(alice, consentId, "revoke").statusCode(200);
            long returned = System.nanoTime();
            JsonNode revoked = next(received, "Transition", consentId, 1000);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - returned);
            assertNotNull(revoked, "the revocation within 1 s");
            assertEquals("Revoked", revoked.get("Status").asText());
            assertTrue(millis <= 1000, "took " + millis + " ms");
        } finally {
            response.cancel(true);
        }
    }

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void aReconnectedListenerAnnouncesANewEpochAtOnce() throws Exception {
        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> response = subscribe(received);
        try {
            JsonNode before = next(received, "Heartbeat", null, 5000);
            assertNotNull(before, "a heartbeat within 5 s");
            String epoch = before.path("Epoch").asText();
            assertTrue(!epoch.isEmpty(), "every event carries the listener's epoch");

            // The listening backend is killed: notifications sent until it listens again are lost.
            try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                    Statement s = c.createStatement()) {
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity where query like 'LISTEN%'");
            }
            long killed = System.nanoTime();
            JsonNode after = null;
            while (after == null && System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(3)) {
                JsonNode beat = next(received, "Heartbeat", null, 3000);
                if (beat != null && !epoch.equals(beat.path("Epoch").asText())) {
                    after = beat;
                }
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            assertNotNull(after, "a heartbeat of a new epoch after the reconnect");
            assertTrue(millis < 1000, "the new epoch took " + millis + " ms");
        } finally {
            response.cancel(true);
        }
    }

    private CompletableFuture<HttpResponse<Stream<String>>> subscribe(BlockingQueue<JsonNode> received) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(events.toString()))
                .header("Authorization", "Bearer " + Api.GATEWAY_TOKEN)
                .header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<Stream<String>>> response = HttpClient.newHttpClient().sendAsync(request,
                HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> r.body().filter(line -> line.startsWith("data:")).forEach(line -> {
            try {
                received.add(json.readTree(line.substring(5).trim()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        return response;
    }

    @Test
    void onlyTheGatewayMaySubscribe() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(URI.create(events.toString()))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
    }

    private static JsonNode next(BlockingQueue<JsonNode> queue, String type, String consentId, long millis)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            JsonNode event = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event != null && type.equals(event.path("Type").asText())
                    && (consentId == null || consentId.equals(event.path("ConsentId").asText()))) {
                return event;
            }
        }
        return null;
    }
}
