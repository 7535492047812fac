package org.openbanking.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Stopping a replica (contract: Operations): once Quarkus announces the stop (on SIGTERM), consent-service ends the
 * gateways' event streams, so that they subscribe to another replica instead of holding this one's stop until its
 * timeout, and takes no new call (503 with Retry-After), while its management port still answers.
 */
@QuarkusTest
@TestProfile(GracefulStopTest.Stopping.class)
class GracefulStopTest {

    /** A profile of its own: this test leaves its application stopping, so it must not share it with other tests. */
    public static class Stopping implements QuarkusTestProfile {
    }

    @Inject
    Event<ShutdownDelayInitiatedEvent> stop;

    @TestHTTPResource("/internal/consent-events")
    URL events;

    @Test
    void toldToStopItEndsTheEventStreamsAndTakesNoNewCall() throws Exception {
        String partner = Api.newPartner();
        String consentId = Api.createConsent(partner);

        AtomicInteger heartbeats = new AtomicInteger();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(events.toString()))
                .header("Authorization", "Bearer " + Api.GATEWAY_TOKEN).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
                    response.body().filter(line -> line.contains("\"Heartbeat\""))
                            .forEach(line -> heartbeats.incrementAndGet());
                    ended.complete(null);
                }).exceptionally(failure -> {
                    ended.completeExceptionally(failure);
                    return null;
                });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (heartbeats.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(heartbeats.get() > 0, "the stream is open and heartbeats arrive");

        stop.fire(new ShutdownDelayInitiatedEvent());

        ended.get(5, TimeUnit.SECONDS); // fails with a TimeoutException if the stream stays open
        assertTrue(ended.isDone() && !ended.isCompletedExceptionally(), "the stream ended cleanly");
        // A gateway that subscribes again, and any other call, is refused at once: nothing is done for it.
        given().auth().oauth2(Api.GATEWAY_TOKEN).accept("text/event-stream").get("/internal/consent-events").then()
                .statusCode(503).header("Retry-After", "1").header("Connection", "close")
                .body("Errors[0].ErrorCode", equalTo("OB.DependencyUnavailable")).body("Id", notNullValue());
        // A receipt batch after the signal: refused, so the gateway answers its call 503 and sends no data.
        Api.record(List.of(Api.receipt(consentId, partner, "Accounts", "acc-1"))).statusCode(503)
                .header("Retry-After", "1");
        given().port(OperationsTest.MANAGEMENT).get("/q/health/live").then().statusCode(200);
    }
}
