package org.openbanking.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsTest {

    /** The management interface (application.properties: %test.quarkus.management.test-port). */
    static final int MANAGEMENT = 9100;

    @Test
    void readyWhateverTheDependenciesWhichShowInTheirOwnGroup() {
        Services.reset();
        Services.consent.stubFor(get(urlEqualTo("/internal")).willReturn(aResponse().withStatus(500)));
        // consent-service down: still ready (callers get 503 envelopes with an interaction id, not an ingress's 503).
        given().port(MANAGEMENT).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().port(MANAGEMENT).get("/q/health/group/dependencies").then().statusCode(503)
                .body("checks[0].data.consent-service", equalTo(false));
        Services.consent.stubFor(get(urlEqualTo("/internal")).willReturn(aResponse().withStatus(401)));
        given().port(MANAGEMENT).get("/q/health/group/dependencies").then().statusCode(200)
                .body("checks[0].data.consent-service", equalTo(true));
        given().port(MANAGEMENT).get("/q/health/live").then().statusCode(200);
    }

    @Test
    void thePublicPortServesNoHealthNorMetrics() {
        for (String path : new String[]{"/q/health", "/q/health/ready", "/q/health/live", "/q/metrics"}) {
            int status = given().get(path).statusCode();
            org.junit.jupiter.api.Assertions.assertTrue(status == 404 || status == 401, path + " → " + status);
        }
    }

    @Test
    void metricsCountPerPartnerAndOpenApiDescribesThePublicContract() {
        Services.reset();
        Services.consent.stubFor(post(urlEqualTo("/internal/partners/metered/consents"))
                .willReturn(okJson("{}").withStatus(201)));
        given().auth().oauth2(Tokens.partner("metered")).contentType("application/json").body("{}")
                .post("/open-banking/v3.1/aisp/account-access-consents").then().statusCode(201);
        given().port(MANAGEMENT).get("/q/metrics").then().statusCode(200)
                .body(containsString("gateway_partner_requests_total{partner=\"metered\""));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/open-banking/v3.1/aisp/accounts/{AccountId}/transactions"))
                .body(containsString("/me/access-log"))
                .body(containsString("/banks/offers/{OfferId}/stats"));
    }
}
