package org.openbanking.accounts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsTest {

    @Test
    void readyChecksTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
    }

    @Test
    void metricsAndOpenApiAreServed() {
        // One served request, so that the HTTP server metrics exist whatever ran before.
        Api.as(Api.GATEWAY).get("/internal/users/{u}/accounts", "ops-user").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/internal/users/{userId}/scoped-accounts/{accountId}/transactions"))
                .body(containsString("/internal/users/{userId}/facts"));
    }

    @Test
    void frameworkErrorsUseTheEnvelope() {
        given().get("/nowhere").then().statusCode(404).body("Errors[0].ErrorCode", equalTo("UK.OBIE.Resource.NotFound"));
    }
}
