package org.openbanking.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openbanking.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;

/** What the edge does before any service is asked: tokens, roles, envelope, limits. */
@QuarkusTest
class EdgeTest {

    static final String CONSENTS = "/open-banking/v3.1/aisp/account-access-consents";

    private static void anyConsentAnswers() {
        Services.reset();
        Services.consent.stubFor(post(urlEqualTo("/internal/partners/p1/consents"))
                .willReturn(okJson("{\"Data\":{\"ConsentId\":\"aac-1\"}}").withStatus(201)));
    }

    @Test
    void aValidPartnerTokenIsRelayedAsThePartner() {
        anyConsentAnswers();
        given().auth().oauth2(Tokens.partner("p1")).contentType("application/json").body("{}").post(CONSENTS).then()
                .statusCode(201).body("Data.ConsentId", equalTo("aac-1"));
    }

    @Test
    void anIdWithASemicolonIsRefusedBeforeItReachesAServiceUrl() {
        // The REST client leaves ';' unencoded in a path: "1;x" reached consent-service as the partner id "1".
        Services.reset();
        given().auth().oauth2(Tokens.customer("alice-sub")).urlEncodingEnabled(false)
                .delete("/me/blocked-partners/1%3B%20SELECT%20pg_sleep(10)%20--").then().statusCode(400)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Field.Invalid")).body("Errors[0].Path", equalTo("PartnerId"));
        given().auth().oauth2(Tokens.customer("alice-sub")).urlEncodingEnabled(false).get("/me/consents/aac-1%3Bx=y")
                .then().statusCode(400).body("Errors[0].Path", equalTo("ConsentId"));
        given().auth().oauth2(Tokens.partner("p1")).urlEncodingEnabled(false).delete(CONSENTS + "/aac-1%3B").then()
                .statusCode(400).body("Errors[0].Path", equalTo("ConsentId"));
        org.junit.jupiter.api.Assertions.assertEquals(0, Services.consent.getAllServeEvents().size(),
                "nothing was sent on");
    }

    @Test
    void brokenTokensAre401InTheEnvelope() {
        anyConsentAnswers();
        String valid = Tokens.partner("p1");
        String[] parts = valid.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes())
                + "." + parts[1] + ".";
        String hmac = Jwt.issuer(TestTokens.ISSUER).subject("x").audience("open-banking-gateway").claim("azp", "p1")
                .claim("realm_access", Map.of("roles", List.of("partner")))
                .signWithSecret("a-secret-of-at-least-32-bytes-long!!");
        String foreignIssuer = Jwt.issuer("https://evil.example.com").subject("x").audience("open-banking-gateway")
                .claim("azp", "p1").claim("realm_access", Map.of("roles", List.of("partner"))).jws().keyId("1")
                .sign("privateKey.jwk");
        String wrongAudience = Jwt.issuer(TestTokens.ISSUER).subject("x").audience("someone-else").claim("azp", "p1")
                .claim("realm_access", Map.of("roles", List.of("partner"))).jws().keyId("1").sign("privateKey.jwk");
        String expired = Jwt.issuer(TestTokens.ISSUER).subject("x").audience("open-banking-gateway").claim("azp", "p1")
                .claim("realm_access", Map.of("roles", List.of("partner"))).issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)).jws().keyId("1").sign("privateKey.jwk");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1])).replace("p1", "p2").getBytes()) + "." + parts[2];
        for (String token : List.of(none, hmac, foreignIssuer, wrongAudience, expired, tampered, "garbage")) {
            given().auth().oauth2(token).contentType("application/json").body("{}").post(CONSENTS).then().statusCode(401)
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .header("x-fapi-interaction-id", matchesPattern("[0-9a-f-]{36}"))
                    .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Header.Invalid"));
        }
        given().contentType("application/json").body("{}").post(CONSENTS).then().statusCode(401)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Header.Missing"));
    }

    @Test
    void eachRouteAdmitsOnlyItsRole() {
        String partner = Tokens.partner("p1");
        String customer = Tokens.customer("alice-sub");
        String bank = Tokens.bank("bank-alpha");
        String operator = Tokens.operator();
        Map<String, String> routes = Map.of(
                "GET /open-banking/v3.1/aisp/account-access-consents/aac-1", "partner",
                "GET /open-banking/v3.1/aisp/accounts", "partner",
                "GET /open-banking/v3.1/aisp/offers", "partner",
                "GET /me/consents", "customer",
                "GET /me/accounts", "customer",
                "GET /me/access-log", "customer",
                "GET /banks/offers", "bank");
        Map<String, String> tokens = Map.of("partner", partner, "customer", customer, "bank", bank, "platform-admin", operator);
        routes.forEach((route, role) -> {
            String path = route.substring(4);
            tokens.forEach((tokenRole, token) -> {
                if (!tokenRole.equals(role)) {
                    given().auth().oauth2(token).get(path).then().statusCode(403)
                            .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Header.Invalid"));
                }
            });
        });
    }

    @Test
    void aBankTokenWithoutBankIdIsRefused() {
        String noBankId = TestTokens.token("sa-x", "x", List.of("bank"), Map.of());
        given().auth().oauth2(noBankId).get("/banks/offers").then().statusCode(403);
    }

    @Test
    void frameworkErrorsUseTheEnvelopeAndEchoTheInteractionId() {
        String id = "3f2d1c4b-5a69-4788-9a0b-1c2d3e4f5a6b";
        given().header("x-fapi-interaction-id", id).get("/nowhere").then().statusCode(404)
                .header("x-fapi-interaction-id", id)
                .body("Id", equalTo(id))
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Resource.NotFound"));
        org.junit.jupiter.api.Assertions.assertEquals(1, given().header("x-fapi-interaction-id", id).get("/nowhere")
                .headers().getValues("x-fapi-interaction-id").size(), "one interaction id header, not two");
        org.junit.jupiter.api.Assertions.assertEquals(1, given().get("/open-banking/v3.1/aisp/accounts")
                .headers().getValues("x-fapi-interaction-id").size(), "one interaction id header on a 401 too");
        // A UUID in upper case is a UUID: echoed exactly as sent.
        String upper = id.toUpperCase();
        given().header("x-fapi-interaction-id", upper).get("/nowhere").then().header("x-fapi-interaction-id", upper)
                .body("Id", equalTo(upper));
        given().header("x-fapi-interaction-id", "not-a-uuid").get("/nowhere").then()
                .header("x-fapi-interaction-id", matchesPattern("[0-9a-f-]{36}"));
        given().auth().oauth2(Tokens.partner("p1")).contentType("text/plain").body("x").post(CONSENTS).then()
                .statusCode(415).body("Errors[0].ErrorCode", equalTo("UK.OBIE.Header.Invalid"));
        given().auth().oauth2(Tokens.partner("p1")).put(CONSENTS).then().statusCode(405);
        given().auth().oauth2(Tokens.partner("p1")).accept("text/html").get(CONSENTS + "/aac-1").then().statusCode(406)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Header.Invalid"));
        given().auth().oauth2(Tokens.partner("p1")).contentType("application/json")
                .body("{\"x\":\"" + "a".repeat(70_000) + "\"}")
                .post(CONSENTS).then().statusCode(413).body("Code", equalTo("Request Entity Too Large"))
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Field.Invalid"));
    }

    @Test
    void onePartnerCannotExhaustThePlatform() {
        anyConsentAnswers();
        String token = Tokens.partner("greedy");
        Services.consent.stubFor(post(urlEqualTo("/internal/partners/greedy/consents"))
                .willReturn(okJson("{}").withStatus(201)));
        io.restassured.response.Response refused = firstRefusal(
                () -> given().auth().oauth2(token).contentType("application/json").body("{}").post(CONSENTS));
        org.junit.jupiter.api.Assertions.assertNotNull(refused, "calls over the limit are refused");
        refused.then().header("Retry-After", matchesPattern("\\d+")).body("Errors[0].ErrorCode", equalTo("OB.RateLimited"));
        // One filter covers every partner route: reads, data and offer events are limited too (the bucket refills
        // while the test runs, so each route is driven to its own refusal).
        List<java.util.function.Supplier<io.restassured.response.Response>> routes = List.of(
                () -> given().auth().oauth2(token).get(CONSENTS + "/aac-1"),
                () -> given().auth().oauth2(token).header("x-consent-id", "aac-1").get("/open-banking/v3.1/aisp/accounts"),
                () -> given().auth().oauth2(token).contentType("application/json").body("{\"EventType\":\"Shown\"}")
                        .post("/open-banking/v3.1/aisp/offers/pl-1/events"));
        for (var route : routes) {
            org.junit.jupiter.api.Assertions.assertNotNull(firstRefusal(route), "every partner route is rate limited");
        }
        // A caller without the partner role is refused for its role, not counted as the partner it names.
        given().auth().oauth2(TestTokens.token("someone", "greedy", List.of("bank"), Map.of("bank_id", "greedy")))
                .get(CONSENTS + "/aac-1").then().statusCode(403);
        // Another partner is not affected.
        given().auth().oauth2(Tokens.partner("p1")).contentType("application/json").body("{}").post(CONSENTS).then()
                .statusCode(201);
    }

    /**
     * Calls from 8 threads at once until one is refused with 429 (at most 400 calls): faster than the bucket refills
     * (20 a second in tests) however slow one call is on a loaded machine.
     */
    private static io.restassured.response.Response firstRefusal(
            java.util.function.Supplier<io.restassured.response.Response> call) {
        java.util.concurrent.atomic.AtomicReference<io.restassured.response.Response> refused = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(400);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> workers = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                workers.add(pool.submit(() -> {
                    while (refused.get() == null && left.decrementAndGet() >= 0) {
                        io.restassured.response.Response r = call.get();
                        if (r.statusCode() == 429) {
                            refused.compareAndSet(null, r);
                        }
                    }
                }));
            }
            for (java.util.concurrent.Future<?> worker : workers) {
                worker.get();
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        return refused.get();
    }
}
