package org.openbanking.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openbanking.gateway.partner.ConsentEventSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/** The decision cache: used only while the event stream is alive, dropped for a consent as soon as it changes. */
@QuarkusTest
@TestProfile(DecisionCacheTest.CacheOn.class)
class DecisionCacheTest {

    public static class CacheOn implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.decision-cache.enabled", "true", "gateway.decision-cache.stale-after", "PT0.5S");
        }
    }

    @Inject
    FakeEvents events;

    /** The listener epoch of the consent-service replica that forwards the events. */
    private volatile String epoch = "node-1:1";

    @BeforeEach
    void services() {
        Services.reset();
        Services.consent
                .stubFor(post(urlEqualTo("/internal/partners/p1/access-decisions")).willReturn(okJson(PartnerDataTest.PERMIT)));
        PartnerDataTest.receiptsStored();
        Services.accounts.stubFor(get(urlPathEqualTo("/internal/users/alice-sub/scoped-accounts/acc-1/balances"))
                .willReturn(okJson(PartnerDataTest.BALANCES)));
    }

    private ValidatableResponse read(boolean userPresent, String account) {
        var request = given().auth().oauth2(Tokens.partner("p1")).header("x-consent-id", "aac-1");
        if (userPresent) {
            request = request.header("x-fapi-customer-ip-address", "198.51.100.7");
        }
        return request.get("/open-banking/v3.1/aisp/accounts/" + account + "/balances").then();
    }

    private static int decisionsAsked() {
        return Services.consent.findAll(postRequestedFor(urlEqualTo("/internal/partners/p1/access-decisions"))).size();
    }

    @Test
    void whileTheStreamIsAliveAPermitServesLaterCallsUntilTheConsentChanges() {
        // A live stream: heartbeats keep coming, as consent-service sends them every second.
        java.util.concurrent.ScheduledExecutorService beat = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        beat.scheduleAtFixedRate(() -> events.send(new ConsentEventSource.Event("Heartbeat", null, null, epoch, null, null)), 0,
                100,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            whileAlive();
        } finally {
            beat.shutdownNow();
        }
    }

    private void whileAlive() {
        read(true, "acc-1").statusCode(200);
        read(true, "acc-1").statusCode(200);
        read(true, "acc-1").statusCode(200);
        org.junit.jupiter.api.Assertions.assertEquals(1, decisionsAsked(), "one decision, then the cache");

        // Another partner presenting the same consent id is never served from p1's permit: consent-service decides.
        Services.consent.stubFor(post(urlEqualTo("/internal/partners/p2/access-decisions")).willReturn(okJson(
                "{\"Decision\":\"Deny\",\"Status\":403,\"ErrorCode\":\"UK.OBIE.Resource.ConsentMismatch\",\"Message\":\"no\"}")));
        given().auth().oauth2(Tokens.partner("p2")).header("x-consent-id", "aac-1")
                .header("x-fapi-customer-ip-address", "198.51.100.7")
                .get("/open-banking/v3.1/aisp/accounts/acc-1/balances").then().statusCode(403)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Resource.ConsentMismatch"));

        // The cached grant is enforced too: another account, or a resource it does not name, is refused without asking.
        read(true, "acc-2").statusCode(403).body("Errors[0].ErrorCode", equalTo("UK.OBIE.Resource.ConsentMismatch"));
        given().auth().oauth2(Tokens.partner("p1")).header("x-consent-id", "aac-1")
                .header("x-fapi-customer-ip-address", "198.51.100.7")
                .get("/open-banking/v3.1/aisp/accounts/acc-1/transactions").then().statusCode(403)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Resource.ConsentMismatch"))
                .body("Errors[0].Message", equalTo("The consent does not grant access to Transactions"));
        org.junit.jupiter.api.Assertions.assertEquals(1, decisionsAsked());

        // Calls without the user present count against FrequencyPerDay: always asked.
        read(false, "acc-1").statusCode(200);
        org.junit.jupiter.api.Assertions.assertEquals(2, decisionsAsked());

        // A transition of the consent drops it at once.
        events.send(new ConsentEventSource.Event("Transition", "aac-1", "Revoked", epoch, null, null));
        Services.consent.stubFor(post(urlEqualTo("/internal/partners/p1/access-decisions")).willReturn(okJson(
                "{\"Decision\":\"Deny\",\"Status\":403,\"ErrorCode\":\"OB.Consent.Revoked\",\"Message\":\"revoked\"}")));
        read(true, "acc-1").statusCode(403).body("Errors[0].ErrorCode", equalTo("OB.Consent.Revoked"));
        org.junit.jupiter.api.Assertions.assertEquals(3, decisionsAsked());
    }

    @Test
    void aNewListenerEpochDropsEverythingCached() {
        java.util.concurrent.ScheduledExecutorService beat = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        beat.scheduleAtFixedRate(() -> events.send(new ConsentEventSource.Event("Heartbeat", null, null, epoch, null, null)), 0,
                100,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            read(true, "acc-1").statusCode(200);
            read(true, "acc-1").statusCode(200);
            org.junit.jupiter.api.Assertions.assertEquals(1, decisionsAsked(), "one decision, then the cache");
            // consent-service's listener reconnected: a revocation sent meanwhile may have been lost, and heartbeats go on.
            Services.consent.stubFor(post(urlEqualTo("/internal/partners/p1/access-decisions")).willReturn(okJson(
                    "{\"Decision\":\"Deny\",\"Status\":403,\"ErrorCode\":\"OB.Consent.Revoked\",\"Message\":\"revoked\"}")));
            epoch = "node-1:2";
            events.send(new ConsentEventSource.Event("Heartbeat", null, null, epoch, null, null));
            read(true, "acc-1").statusCode(403).body("Errors[0].ErrorCode", equalTo("OB.Consent.Revoked"));
            org.junit.jupiter.api.Assertions.assertEquals(2, decisionsAsked());
        } finally {
            beat.shutdownNow();
        }
    }

    @Test
    void withoutHeartbeatsNothingIsServedFromTheCache() throws InterruptedException {
        events.send(new ConsentEventSource.Event("Heartbeat", null, null, epoch, null, null));
        read(true, "acc-1").statusCode(200);
        Thread.sleep(700); // longer than stale-after (0.5 s): the stream is no longer trusted
        read(true, "acc-1").statusCode(200);
        read(true, "acc-1").statusCode(200);
        org.junit.jupiter.api.Assertions.assertEquals(3, decisionsAsked(), "every call asked consent-service");
    }
}
