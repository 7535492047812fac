package org.openbanking.accounts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SkeletonTest {

    @Test
    void isLive() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void unknownPathsAnswerInTheEnvelopeWithAnInteractionId() {
        given().get("/no-such-path").then().statusCode(404)
                .header("x-fapi-interaction-id", matchesPattern("[0-9a-f-]{36}"))
                .body("Code", equalTo("Not Found"))
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Resource.NotFound"));
    }
}
