package org.openbanking.accounts;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.openbanking.accounts.Api.as;
import static org.openbanking.accounts.Api.newUser;
import static org.openbanking.accounts.Api.postTransactions;
import static org.openbanking.accounts.Api.putAccount;
import static org.openbanking.accounts.Api.tx;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Eligibility facts: computed from the data, banded, and served to partner-offers-service only. */
@QuarkusTest
class FactsTest {

    @Test
    void factsAreBandedFromBalancesAndIncome() {
        String user = newUser();
        putAccount("bank-alpha", user, "f-1", Api.account("DE89370400440532013000", "3000.00")).statusCode(201);
        // Without movements the 90-day average is today's balance: 3000 is in the 2500 band; no income.
        as(Api.OFFERS).get("/internal/users/{u}/facts", user).then().statusCode(200)
                .body("Data.AverageBalance90DaysBand.Amount", equalTo("2500.00"))
                .body("Data.MonthlyIncomeBand.Amount", equalTo("0.00"))
                .body("Data.AccountTypes", contains("CurrentAccount"));

        // 9,000 in 45 days ago: income 3,000 a month; before it the balance was 9,000 lower for half the window,
        // so the average is 3000 - 9000 / 2 < 0: the lowest band.
        postTransactions("bank-alpha", user, "f-1",
                List.of(tx("salary", Instant.now().minus(45, ChronoUnit.DAYS).minus(1, ChronoUnit.HOURS), "9000.00", "Credit")))
                .statusCode(200);
        as(Api.OFFERS).get("/internal/users/{u}/facts", user).then().statusCode(200)
                .body("Data.AverageBalance90DaysBand.Amount", equalTo("0.00"))
                .body("Data.MonthlyIncomeBand.Amount", equalTo("3000.00"));
    }

    @Test
    void onlyPartnerOffersServiceReadsFacts() {
        String user = newUser();
        as(Api.GATEWAY).get("/internal/users/{u}/facts", user).then().statusCode(403);
        as(Api.CONSENT).get("/internal/users/{u}/facts", user).then().statusCode(403);
        as(org.openbanking.testing.TestTokens.token("alice", "consent-dashboard", List.of("customer"), java.util.Map.of()))
                .get("/internal/users/{u}/facts", user).then().statusCode(403);
        io.restassured.RestAssured.given().get("/internal/users/{u}/facts", user).then().statusCode(401);
        as(Api.OFFERS).get("/internal/users/{u}/facts", user).then().statusCode(200);
    }
}
