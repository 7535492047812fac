package org.openbanking.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openbanking.gateway.operator.PartnerDirectory;
import org.openbanking.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Onboarding's rules with Keycloak stood in for: validation, duplicates, and nothing left half-made. */
@QuarkusTest
class OnboardingTest {

    @Inject
    InMemoryDirectory directory;

    @BeforeEach
    void servicesAnswer() {
        Services.reset();
        directory.down(false);
        Services.consent.stubFor(put(urlPathMatching("/internal/partners/[^/]+")).willReturn(okJson("{}")));
        Services.consent
                .stubFor(post(urlPathMatching("/internal/partners/[^/]+/(suspend|reinstate)")).willReturn(okJson("{}")));
        Services.offers.stubFor(put(urlPathMatching("/internal/banks/[^/]+")).willReturn(okJson("{}")));
    }

    @AfterEach
    void up() {
        directory.down(false);
    }

    static RequestSpecification asOperator() {
        return given().auth().oauth2(Tokens.operator()).contentType("application/json");
    }

    static Map<String, Object> partner(String name) {
        return Map.of("Name", name, "Contact", "ops@chat.example", "RedirectUris", List.of("https://chat.example/cb"));
    }

    @Test
    void aPartnerIsOnboardedOnceWithItsSecretShownOnce() {
        String id = asOperator().body(partner("Chat & Pay")).post("/admin/partners").then().statusCode(201)
                .body("PartnerId", org.hamcrest.Matchers.startsWith("chat-pay-"))
                .body("ClientSecret", notNullValue())
                .body("Status", equalTo("Active")).extract().path("PartnerId");
        assertTrue(directory.clients().containsKey(id));
        Services.consent.verify(com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(
                urlEqualTo("/internal/partners/" + id))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson("{\"Name\":\"Chat & Pay\"}")));
        asOperator().get("/admin/partners/{p}", id).then().statusCode(200).body("Name", equalTo("Chat & Pay"))
                .body("$", not(hasKey("ClientSecret")));
        asOperator().get("/admin/partners").then().statusCode(200).body("Data.Partner[0]", not(hasKey("ClientSecret")));
        asOperator().body(partner("chat & pay")).post("/admin/partners").then().statusCode(409)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Rules.ResourceAlreadyExists"));
        asOperator().post("/admin/partners/{p}/rotate-secret", id).then().statusCode(200).body("ClientSecret", notNullValue());
    }

    @Test
    void invalidRequestsAre400() {
        asOperator().body(Map.of("Name", "", "Contact", "nobody", "RedirectUris", List.of("http://evil.example/cb",
                "https://x.example/*"))).post("/admin/partners").then().statusCode(400)
                .body("Errors.Path", hasItems("Name", "Contact", "RedirectUris[0]", "RedirectUris[1]"));
        // The dev realm allows localhost redirects.
        asOperator().body(Map.of("Name", "Local dev app", "Contact", "dev@local.example",
                "RedirectUris", List.of("http://localhost:3000/cb"))).post("/admin/partners").then().statusCode(201);
        asOperator().body(Map.of("BankId", "Bad Id", "Name", "x")).post("/admin/banks").then().statusCode(400)
                .body("Errors[0].Path", equalTo("BankId"));
    }

    @Test
    void aFailedRegistrationRemovesTheClientAgain() {
        Services.consent.stubFor(put(urlPathMatching("/internal/partners/[^/]+")).willReturn(aResponse().withStatus(500)));
        asOperator().body(partner("Half Made")).post("/admin/partners").then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("Errors[0].ErrorCode", equalTo("OB.DependencyUnavailable"));
        assertTrue(directory.clients().values().stream().noneMatch(c -> c.name().equals("Half Made")), "nothing half-created");
    }

    @Test
    void keycloakDownIs503AndNothingChanges() {
        directory.down(true);
        asOperator().body(partner("Nowhere")).post("/admin/partners").then().statusCode(503);
        directory.down(false);
        assertTrue(directory.clients().values().stream().noneMatch(c -> c.name().equals("Nowhere")));
    }

    @Test
    void suspensionRevokesConsentsFirstThenDisablesTheClient() {
        String id = asOperator().body(partner("Soon Suspended")).post("/admin/partners").then().statusCode(201)
                .extract().path("PartnerId");
        asOperator().post("/admin/partners/{p}/suspend", id).then().statusCode(200).body("Status", equalTo("Suspended"));
        Services.consent.verify(postRequestedFor(urlEqualTo("/internal/partners/" + id + "/suspend")));
        assertTrue(!directory.clients().get(id).enabled());
        asOperator().post("/admin/partners/{p}/reinstate", id).then().statusCode(200).body("Status", equalTo("Active"));
        asOperator().post("/admin/partners/{p}/suspend", "no-such-partner").then().statusCode(404);

        // consent-service unable to revoke: the client is not disabled either, and the operator is told to retry.
        String other = asOperator().body(partner("Retry Later")).post("/admin/partners").then().statusCode(201)
                .extract().path("PartnerId");
        Services.consent
                .stubFor(post(urlEqualTo("/internal/partners/" + other + "/suspend")).willReturn(aResponse().withStatus(503)));
        asOperator().post("/admin/partners/{p}/suspend", other).then().statusCode(503);
        assertTrue(directory.clients().get(other).enabled());
    }

    @Test
    void banksAreOnboardedWithTheirBankId() {
        asOperator().body(Map.of("BankId", "bank-gamma", "Name", "Gamma Bank")).post("/admin/banks").then().statusCode(201)
                .body("BankId", equalTo("bank-gamma")).body("ClientId", equalTo("bank-gamma"))
                .body("ClientSecret", notNullValue());
        asOperator().body(Map.of("BankId", "bank-gamma", "Name", "Gamma Bank")).post("/admin/banks").then().statusCode(409);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstPartnerAndAnotherBodyIsA400() {
        String key = "onboard-" + System.nanoTime();
        var first = asOperator().header("x-idempotency-key", key).body(partner("Retry Chat")).post("/admin/partners").then()
                .statusCode(201).extract().jsonPath();
        var again = asOperator().header("x-idempotency-key", key).body(partner("Retry Chat")).post("/admin/partners")
                .then().statusCode(201).extract().jsonPath();
        assertEquals(first.getString("PartnerId"), again.getString("PartnerId"), "the first partner, not a 409 or a second");
        assertEquals(first.getString("ClientSecret"), again.getString("ClientSecret"), "the response the retry lost");
        assertEquals(1, directory.clients().values().stream().filter(c -> c.name().equals("Retry Chat")).count());
        Services.consent.verify(1, com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(
                urlEqualTo("/internal/partners/" + first.getString("PartnerId"))));

        asOperator().header("x-idempotency-key", key).body(partner("Another Chat")).post("/admin/partners").then()
                .statusCode(400).body("Errors[0].Path", equalTo("x-idempotency-key"));
        assertTrue(directory.clients().values().stream().noneMatch(c -> c.name().equals("Another Chat")));
        // Keys are per operator: another operator's same key is a request of its own (here: the name exists).
        given().auth().oauth2(TestTokens.token("ops-2", "consent-dashboard", List.of("platform-admin"), Map.of()))
                .contentType("application/json").header("x-idempotency-key", key).body(partner("Retry Chat"))
                .post("/admin/partners").then().statusCode(409);
        asOperator().header("x-idempotency-key", "k".repeat(41)).body(partner("Long Key Chat")).post("/admin/partners")
                .then().statusCode(400).body("Errors[0].Path", equalTo("x-idempotency-key"));

        // After 24 h the key is forgotten: the same request is judged anew (the name now exists).
        String id = first.getString("PartnerId");
        var remembered = directory.keys().get(id);
        directory.keys().put(id, new PartnerDirectory.Remembered(remembered.keyId(), remembered.fingerprint(),
                remembered.createdAt().minus(java.time.Duration.ofHours(24).plusMinutes(1))));
        asOperator().header("x-idempotency-key", key).body(partner("Retry Chat")).post("/admin/partners").then()
                .statusCode(409);
    }

    @Test
    void aBanksOnboardingRetriedWithItsKeyGetsTheFirstResult() {
        String key = "bank-" + System.nanoTime();
        Map<String, Object> body = Map.of("BankId", "bank-delta", "Name", "Delta Bank");
        String secret = asOperator().header("x-idempotency-key", key).body(body).post("/admin/banks").then().statusCode(201)
                .extract().path("ClientSecret");
        asOperator().header("x-idempotency-key", key).body(body).post("/admin/banks").then().statusCode(201)
                .body("BankId", equalTo("bank-delta")).body("ClientSecret", equalTo(secret));
        asOperator().header("x-idempotency-key", key).body(Map.of("BankId", "bank-delta", "Name", "Delta"))
                .post("/admin/banks").then().statusCode(400).body("Errors[0].Path", equalTo("x-idempotency-key"));
        asOperator().body(body).post("/admin/banks").then().statusCode(409);
    }

    @Test
    void onlyOperators() {
        given().auth().oauth2(Tokens.partner("p1")).contentType("application/json").body(partner("X")).post("/admin/partners")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.customer("alice")).get("/admin/partners").then().statusCode(403);
        given().get("/admin/partners").then().statusCode(401);
    }
}
