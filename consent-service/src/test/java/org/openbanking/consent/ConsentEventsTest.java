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
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(events.toString()))
                .header("Authorization", "Bearer " + Api.GATEWAY_TOKEN)
                .header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<Stream<String>>> response = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> r.body().filter(line -> line.startsWith("data:")).forEach(line -> {
            try {
                received.add(json.readTree(line.substring(5).trim()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
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
