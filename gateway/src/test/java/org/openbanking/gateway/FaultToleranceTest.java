package org.openbanking.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Slow, failing and flapping services: the gateway stays responsive, fails closed, recovers on its own. In order:
 * the breakers these tests open are shared by the application; each test leaves them closed, but the last.
 */
@QuarkusTest
@TestProfile(FaultToleranceTest.Isolated.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceTest {

    /** Its own application: the breakers these tests open must not be open for other test classes. */
    public static class Isolated implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.rate-limit.per-second", "1000", "gateway.rate-limit.burst", "1000");
        }
    }

    static final String BALANCES = "/open-banking/v3.1/aisp/accounts/acc-1/balances";

    /** A partner of its own per test, so that the per-partner rate limit is not what these tests measure. */
    String partner;

    @BeforeEach
    void services() {
        Services.reset();
        partner = "ft-" + System.nanoTime();
        Services.consent.stubFor(post(urlPathMatching("/internal/partners/[^/]+/access-decisions"))
                .willReturn(okJson(PartnerDataTest.PERMIT)));
        PartnerDataTest.receiptsStored();
        // One call through a warm path first: these tests measure behaviour under faults, not a cold JVM's first calls.
        Services.consent.stubFor(get(urlPathMatching("/internal/partners/[^/]+/consents/warm")).willReturn(okJson("{}")));
        given().auth().oauth2(Tokens.partner(partner)).get("/open-banking/v3.1/aisp/account-access-consents/warm");
    }

    @Test
    @Order(2)
    void aSlowAccountsServiceTimesOutWhileOtherRoutesStayResponsive() throws Exception {
        Services.accounts.stubFor(get(urlPathEqualTo("/internal/users/alice-sub/scoped-accounts/acc-1/balances"))
                .willReturn(okJson(PartnerDataTest.BALANCES).withFixedDelay(3000)));
        Services.consent
                .stubFor(get(urlPathMatching("/internal/partners/[^/]+/consents/aac-9")).willReturn(okJson("{\"Data\":{}}")));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> slow = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                slow.add(pool.submit(() -> given().auth().oauth2(Tokens.partner(partner)).header("x-consent-id", "aac-1")
                        .get(BALANCES).statusCode()));
            }
            // Meanwhile a route that does not need accounts-service answers at once.
            long start = System.nanoTime();
            given().auth().oauth2(Tokens.partner(partner)).get("/open-banking/v3.1/aisp/account-access-consents/aac-9").then()
                    .statusCode(200);
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMs < 1000, "the consent route took " + tookMs + " ms while accounts-service hung");
            for (Future<Integer> f : slow) {
                assertEquals(503, f.get(), "a hanging downstream is a 503, within the budget");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(3)
    void aFlappingServiceOpensTheBreakerAndTheGatewayRecovers() {
        Services.accounts.stubFor(get(urlPathEqualTo("/internal/users/alice-sub/scoped-accounts/acc-1/balances"))
                .willReturn(aResponse().withStatus(500)));
        int unavailable = 0;
        for (int i = 0; i < 30; i++) {
            int status = given().auth().oauth2(Tokens.partner(partner)).header("x-consent-id", "aac-1").get(BALANCES)
                    .statusCode();
            if (status == 503) {
                unavailable++;
            }
        }
        assertEquals(30, unavailable, "every failed call is a 503 with nothing served");
        // Healthy again: after the breaker's delay (1 s in tests) the gateway serves without anyone's help.
        Services.accounts.stubFor(get(urlPathEqualTo("/internal/users/alice-sub/scoped-accounts/acc-1/balances"))
                .willReturn(okJson(PartnerDataTest.BALANCES)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> given().auth()
                .oauth2(Tokens.partner(partner)).header("x-consent-id", "aac-1").get(BALANCES).statusCode() == 200);
    }

    @Test
    @Order(4)
    void aFlappingConsentServiceNeverLetsDataThrough() {
        Services.consent.stubFor(post(urlPathMatching("/internal/partners/[^/]+/access-decisions")).inScenario("flap")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        Services.consent.stubFor(post(urlPathMatching("/internal/partners/[^/]+/access-decisions")).inScenario("flap")
                .whenScenarioStateIs("up").willReturn(okJson(PartnerDataTest.PERMIT)).willSetStateTo(Scenario.STARTED));
        Services.accounts.stubFor(get(urlPathEqualTo("/internal/users/alice-sub/scoped-accounts/acc-1/balances"))
                .willReturn(okJson(PartnerDataTest.BALANCES)));
        for (int i = 0; i < 10; i++) {
            int status = given().auth().oauth2(Tokens.partner(partner)).header("x-consent-id", "aac-1").get(BALANCES)
                    .statusCode();
            assertTrue(status == 200 || status == 503, "either a permitted answer or nothing: " + status);
        }
        // Every data response was preceded by a permit: never more balance reads than permits given.
        int permits = (int) Services.consent
                .findAll(postRequestedFor(urlPathMatching("/internal/partners/[^/]+/access-decisions")))
                .stream().count();
        int reads = Services.accounts.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/internal/users/alice-sub/scoped-accounts/acc-1/balances"))).size();
        assertTrue(reads <= permits / 2 + 1, reads + " reads for " + permits + " decisions, half of them refused");
    }

    @Test
    @Order(1)
    void concurrentCallsShareReceiptWritesAndEveryResponseHasItsReceipt() throws Exception {
        // A slow receipt store: calls queue while a batch is written, and go together in the next one.
        Services.consent.stubFor(post(urlEqualTo("/internal/receipts"))
                .willReturn(okJson("{\"Data\":{\"ReceiptId\":[]}}").withStatus(201).withFixedDelay(150)));
        Services.accounts.stubFor(get(urlPathEqualTo("/internal/users/alice-sub/scoped-accounts/acc-1/balances"))
                .willReturn(okJson(PartnerDataTest.BALANCES)));
        // One whole call first (decision, data, receipt), then count only what the concurrent calls did.
        given().auth().oauth2(Tokens.partner(partner)).header("x-consent-id", "aac-1")
                .header("x-fapi-customer-ip-address", "198.51.100.7").get(BALANCES).then().statusCode(200);
        Services.consent.resetRequests();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        int calls = 12;
        int ok = 0;
        try {
            List<Future<io.restassured.response.Response>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(pool.submit(() -> given().auth().oauth2(Tokens.partner(partner)).header("x-consent-id", "aac-1")
                        .header("x-fapi-customer-ip-address", "198.51.100.7").get(BALANCES).then().extract().response()));
            }
            for (Future<io.restassured.response.Response> f : futures) {
                io.restassured.response.Response r = f.get();
                ok += r.statusCode() == 200 ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }
        List<LoggedRequest> writes = Services.consent.findAll(postRequestedFor(urlEqualTo("/internal/receipts")));
        int receipts = 0;
        ObjectMapper json = new ObjectMapper();
        for (LoggedRequest write : writes) {
            JsonNode body = json.readTree(write.getBodyAsString());
            receipts += body.path("Receipt").size();
        }
        assertEquals(calls, ok, "every call served");
        // Exactly one receipt per response here; under timeouts a receipt may be stored for data that was then not
        // sent (more receipts than responses), never the reverse.
        assertEquals(ok, receipts, "one receipt per data response");
        assertTrue(writes.size() < calls, calls + " receipts took " + writes.size() + " writes");
    }

    @Test
    @Order(5)
    void aServiceRefusingTheGatewaysOwnTokenIsA503NotTheCallers401() {
        String refused = "{\"Code\":\"Unauthorized\",\"Id\":\"x\",\"Message\":\"token refused\",\"Errors\":"
                + "[{\"ErrorCode\":\"UK.OBIE.Header.Invalid\",\"Message\":\"token refused\"}]}";
        Services.accounts.stubFor(get(urlPathEqualTo("/internal/users/alice-sub/scoped-accounts/acc-1/balances"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(refused)));
        Services.consent.resetRequests();
        given().auth().oauth2(Tokens.partner(partner)).header("x-consent-id", "aac-1").get(BALANCES).then()
                .statusCode(503)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("Errors[0].ErrorCode", org.hamcrest.Matchers.equalTo("OB.DependencyUnavailable"));
        assertEquals(0, Services.consent.findAll(postRequestedFor(urlEqualTo("/internal/receipts"))).size(),
                "nothing served, nothing receipted");
        // The same on the consent hop (a consent not in the decision cache): a refused decision call must not read as
        // the partner's token being bad.
        Services.consent.stubFor(post(urlPathMatching("/internal/partners/[^/]+/access-decisions"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(refused)));
        given().auth().oauth2(Tokens.partner(partner)).header("x-consent-id", "aac-401").get(BALANCES).then()
                .statusCode(503)
                .body("Errors[0].ErrorCode", org.hamcrest.Matchers.equalTo("OB.DependencyUnavailable"));
    }
}
