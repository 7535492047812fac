package org.openbanking.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Unlinking a bank: accounts-service hides its accounts first, then consent-service revokes what covers them. */
@QuarkusTest
class BankLinksTest {

    @BeforeEach
    void reset() {
        Services.reset();
        Services.accounts.stubFor(delete(urlEqualTo("/internal/users/alice-sub/bank-links/bank-alpha"))
                .willReturn(okJson("{\"Data\":{\"AccountIds\":[\"acc-1\",\"acc-2\"]}}")));
    }

    @Test
    void unlinkingRevokesTheConsentsCoveringTheHiddenAccounts() {
        Services.consent.stubFor(post(urlEqualTo("/internal/users/alice-sub/consents/revoke-covering"))
                .willReturn(okJson("{\"Data\":{\"Revoked\":[\"aac-1\"]}}")));
        given().auth().oauth2(Tokens.customer("alice-sub")).delete("/me/bank-links/bank-alpha").then().statusCode(204);
        Services.consent.verify(postRequestedFor(urlEqualTo("/internal/users/alice-sub/consents/revoke-covering"))
                .withRequestBody(equalToJson("{\"AccountIds\":[\"acc-1\",\"acc-2\"]}")));
    }

    @Test
    void aRevocationThatFailsIsAVisible503ForTheUserToRetry() {
        Services.consent.stubFor(post(urlEqualTo("/internal/users/alice-sub/consents/revoke-covering"))
                .willReturn(aResponse().withStatus(500)));
        given().auth().oauth2(Tokens.customer("alice-sub")).delete("/me/bank-links/bank-alpha").then().statusCode(503)
                .body("Errors[0].ErrorCode", org.hamcrest.Matchers.equalTo("OB.DependencyUnavailable"));
    }

    @Test
    void aBankNeverLinkedIs404AndNothingIsRevoked() {
        Services.accounts.stubFor(delete(urlEqualTo("/internal/users/alice-sub/bank-links/bank-zeta")).willReturn(
                aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody(
                        "{\"Code\":\"Not Found\",\"Id\":\"x\",\"Message\":\"no\",\"Errors\":[{\"ErrorCode\":"
                                + "\"UK.OBIE.Resource.NotFound\",\"Message\":\"no\"}]}")));
        given().auth().oauth2(Tokens.customer("alice-sub")).delete("/me/bank-links/bank-zeta").then().statusCode(404);
        Services.consent.verify(0, postRequestedFor(urlEqualTo("/internal/users/alice-sub/consents/revoke-covering")));
    }
}
