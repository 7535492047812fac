package org.openbanking.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Stopping a replica (contract: Operations): once Quarkus announces the stop (on SIGTERM), the gateway takes no new
 * call (503 with Retry-After, nothing asked of the services), while a partner call it took before is finished: its
 * receipt is stored and its data sent. (That Quarkus then waits for such calls before it closes the HTTP server and the
 * clients is the system tests' GracefulStopTest, with a real SIGTERM.)
 */
@QuarkusTest
@TestProfile(GracefulStopTest.Stopping.class)
class GracefulStopTest {

    /** A profile of its own: this test leaves its application stopping, so it must not share it with other tests. */
    public static class Stopping implements QuarkusTestProfile {
    }

    static final String BALANCES = "/open-banking/v3.1/aisp/accounts/acc-1/balances";

    @Inject
    Event<ShutdownDelayInitiatedEvent> stop;

    @Test
    void toldToStopItFinishesTheCallItTookWithItsReceiptAndRefusesNewOnes() throws Exception {
        Services.reset();
        PartnerDataTest.permit();
        PartnerDataTest.balances();
        // The receipt write takes a while: the call is still under way when the stop is announced.
        Services.consent.stubFor(post(urlEqualTo("/internal/receipts"))
                .willReturn(okJson("{\"Data\":{\"ReceiptId\":[\"r\"]}}").withStatus(201).withFixedDelay(1500)));
        String taken = UUID.randomUUID().toString();
        CompletableFuture<Response> underWay = CompletableFuture.supplyAsync(() -> given()
                .auth().oauth2(Tokens.partner("p1")).header("x-consent-id", "aac-1").header("x-fapi-interaction-id", taken)
                .get(BALANCES));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (Services.consent.findAll(postRequestedFor(urlEqualTo("/internal/receipts"))).isEmpty()
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, Services.consent.findAll(postRequestedFor(urlEqualTo("/internal/receipts"))).size(),
                "the call is writing its receipt");

        stop.fire(new ShutdownDelayInitiatedEvent());

        given().auth().oauth2(Tokens.partner("p1")).header("x-consent-id", "aac-1").get(BALANCES).then()
                .statusCode(503).header("Retry-After", "1").header("Connection", "close")
                .header("x-fapi-interaction-id", org.hamcrest.Matchers.notNullValue())
                .body("Errors[0].ErrorCode", org.hamcrest.Matchers.equalTo("OB.DependencyUnavailable"));
        Services.consent.verify(1, postRequestedFor(urlEqualTo("/internal/partners/p1/access-decisions")));

        Response finished = underWay.get(20, TimeUnit.SECONDS);
        assertEquals(200, finished.statusCode(), finished::asString);
        assertTrue(finished.asString().contains("\"Balance\""), "its data was sent");
        Services.consent.verify(1, postRequestedFor(urlEqualTo("/internal/receipts"))
                .withRequestBody(matchingJsonPath("$.Receipt[0].InteractionId", equalTo(taken))));
        given().port(OperationsTest.MANAGEMENT).get("/q/health/live").then().statusCode(200);
    }
}
