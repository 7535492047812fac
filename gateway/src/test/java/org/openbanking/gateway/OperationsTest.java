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

    @Test
    void readyOnlyWhenConsentServiceIsReady() {
        Services.reset();
        Services.consent.stubFor(get(urlEqualTo("/q/health/ready")).willReturn(aResponse().withStatus(503)));
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        Services.consent.stubFor(get(urlEqualTo("/q/health/ready")).willReturn(okJson("{\"status\":\"UP\"}")));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metricsCountPerPartnerAndOpenApiDescribesThePublicContract() {
        Services.reset();
        Services.consent.stubFor(post(urlEqualTo("/internal/partners/metered/consents"))
                .willReturn(okJson("{}").withStatus(201)));
        given().auth().oauth2(Tokens.partner("metered")).contentType("application/json").body("{}")
                .post("/open-banking/v3.1/aisp/account-access-consents").then().statusCode(201);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("gateway_partner_requests_total{partner=\"metered\""));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/open-banking/v3.1/aisp/accounts/{AccountId}/transactions"))
                .body(containsString("/me/access-log"))
                .body(containsString("/banks/offers/{OfferId}/stats"));
    }
}
