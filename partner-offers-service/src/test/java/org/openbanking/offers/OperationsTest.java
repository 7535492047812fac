package org.openbanking.offers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsTest {

    /** The management interface (application.properties: %test.quarkus.management.test-port). */
    static final int MANAGEMENT = 9103;

    @Test
    void readyChecksTheDatabase() {
        given().port(MANAGEMENT).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
    }

    @Test
    void metricsAndOpenApiAreServed() {
        // One served request, so that the HTTP server metrics exist whatever ran before.
        Api.asGateway().get("/internal/banks/{b}/offers", "ops-bank").then().statusCode(200);
        given().port(MANAGEMENT).get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        given().port(MANAGEMENT).accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/internal/partners/{partnerId}/placements"));
    }

    @Test
    void onlyTheGatewayCalls() {
        given().get("/internal/banks/{b}/offers", "x").then().statusCode(401);
        // Not addressed to this service: refused as a token.
        given().auth().oauth2(org.openbanking.testing.TestTokens.service("partner-offers-service", "svc-offers"))
                .get("/internal/banks/{b}/offers", "x").then().statusCode(401);
        // Addressed here, but not the gateway's role; and the gateway's role in another client's token counts for nothing.
        given().auth().oauth2(org.openbanking.testing.TestTokens.token("service-account-x", "consent-service",
                java.util.List.of("svc-consent"), java.util.Map.of("aud", java.util.List.of("partner-offers-service"))))
                .get("/internal/banks/{b}/offers", "x").then().statusCode(403);
        given().auth().oauth2(org.openbanking.testing.TestTokens.token("service-account-b", "bank-alpha",
                java.util.List.of("bank", "svc-gateway"), java.util.Map.of("aud", java.util.List.of("partner-offers-service"))))
                .get("/internal/banks/{b}/offers", "x").then().statusCode(403);
    }

    @Test
    void theApiPortServesNoHealthMetricsOrOpenApi() {
        for (String path : new String[]{"/q/health", "/q/health/ready", "/q/metrics", "/q/openapi"}) {
            int status = given().get(path).statusCode();
            org.junit.jupiter.api.Assertions.assertTrue(status == 404 || status == 401, path + " → " + status);
        }
    }
}
