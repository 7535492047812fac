package org.openbanking.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsTest {

    /** The management interface (application.properties: %test.quarkus.management.test-port). */
    static final int MANAGEMENT = 9101;

    @Test
    void readyChecksTheDatabase() {
        given().port(MANAGEMENT).get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
        given().port(MANAGEMENT).get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metricsAndOpenApiAreServed() {
        // One served request, so that the HTTP server metrics exist whatever ran before.
        Api.asGateway().get("/internal/users/{u}/consents", "ops-user").then().statusCode(200);
        given().port(MANAGEMENT).get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        given().port(MANAGEMENT).accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/internal/partners/{partnerId}/consents"))
                .body(containsString("/internal/consent-events"));
    }

    @Test
    void theApiPortServesNoHealthMetricsOrOpenApi() {
        for (String path : new String[]{"/q/health", "/q/health/ready", "/q/metrics", "/q/openapi"}) {
            int status = given().get(path).statusCode();
            org.junit.jupiter.api.Assertions.assertTrue(status == 404 || status == 401, path + " → " + status);
        }
    }
}
