package org.openbanking.accounts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsTest {

    /** The management interface (application.properties: %test.quarkus.management.test-port). */
    static final int MANAGEMENT = 9102;

    @Test
    void readyChecksTheDatabase() {
        given().port(MANAGEMENT).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
    }

    @Test
    void metricsAndOpenApiAreServed() {
        // One served request, so that the HTTP server metrics exist whatever ran before.
        Api.as(Api.GATEWAY).get("/internal/users/{u}/accounts", "ops-user").then().statusCode(200);
        given().port(MANAGEMENT).get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        given().port(MANAGEMENT).accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/internal/users/{userId}/scoped-accounts/{accountId}/transactions"))
                .body(containsString("/internal/users/{userId}/facts"));
    }

    @Test
    void frameworkErrorsUseTheEnvelope() {
        given().get("/nowhere").then().statusCode(404).body("Errors[0].ErrorCode", equalTo("UK.OBIE.Resource.NotFound"));
    }

    @Test
    void theApiPortServesNoHealthMetricsOrOpenApi() {
        for (String path : new String[]{"/q/health", "/q/health/ready", "/q/metrics", "/q/openapi"}) {
            int status = given().get(path).statusCode();
            org.junit.jupiter.api.Assertions.assertTrue(status == 404 || status == 401, path + " → " + status);
        }
    }
}
