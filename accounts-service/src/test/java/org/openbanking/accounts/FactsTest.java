package org.openbanking.accounts;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openbanking.accounts.Api.as;
import static org.openbanking.accounts.Api.newUser;
import static org.openbanking.accounts.Api.postTransactions;
import static org.openbanking.accounts.Api.putAccount;
import static org.openbanking.accounts.Api.tx;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Eligibility facts: computed from the data, banded, and served to partner-offers-service only. */
@QuarkusTest
class FactsTest {

    @Test
    void factsAreBandedFromBalancesAndIncome() {
        String user = newUser();
        String account = putAccount("bank-alpha", user, "f-1", Api.account("DE89370400440532013000", "3000.00"))
                .statusCode(201).extract().path("AccountId");
        // Without movements the 90-day average is today's balance: 3000 is in the 2500 band; no income.
        as(Api.OFFERS).queryParam("accountIds", account).get("/internal/users/{u}/facts", user).then().statusCode(200)
                .body("Data.Account", hasSize(1))
                .body("Data.Account[0].AccountId", equalTo(account))
                .body("Data.Account[0].AverageBalance90DaysBand.Amount", equalTo("2500.00"))
                .body("Data.Account[0].MonthlyIncomeBand.Amount", equalTo("0.00"))
                .body("Data.Account[0].AccountSubType", equalTo("CurrentAccount"));

        // 9,000 in 45 days ago: income 3,000 a month; before it the balance was 9,000 lower for half the window,
        // so the average is 3000 - 9000 / 2 < 0: the lowest band.
        postTransactions("bank-alpha", user, "f-1",
                List.of(tx("salary", Instant.now().minus(45, ChronoUnit.DAYS).minus(1, ChronoUnit.HOURS), "9000.00", "Credit")))
                .statusCode(200);
        as(Api.OFFERS).queryParam("accountIds", account).get("/internal/users/{u}/facts", user).then().statusCode(200)
                .body("Data.Account[0].AverageBalance90DaysBand.Amount", equalTo("0.00"))
                .body("Data.Account[0].MonthlyIncomeBand.Amount", equalTo("3000.00"));
    }

    @Test
    void factsAreComputedOverTheConsentsAccountsOnly() {
        String user = newUser();
        String card = putAccount("bank-alpha", user, "f-card", Map.of("Currency", "EUR", "AccountType", "Personal",
                "AccountSubType", "CreditCard", "Iban", "DE02120300000000202051", "Balance",
                Map.of("Booked", Map.of("Amount", "120.00", "Currency", "EUR"), "Available",
                        Map.of("Amount", "120.00", "Currency", "EUR"))))
                .statusCode(201).extract().path("AccountId");
        String rich = putAccount("bank-beta", user, "f-rich", Api.account("DE89370400440532013000", "150000.00"))
                .statusCode(201).extract().path("AccountId");
        postTransactions("bank-beta", user, "f-rich",
                List.of(tx("salary-1", Instant.now().minus(10, ChronoUnit.DAYS), "9000.00", "Credit"))).statusCode(200);

        // A consent for the credit card alone: nothing of the rich current account (its balance, income, type) counts.
        as(Api.OFFERS).queryParam("accountIds", card).get("/internal/users/{u}/facts", user).then().statusCode(200)
                .body("Data.Account.AccountId", contains(card))
                .body("Data.Account[0].AverageBalance90DaysBand.Amount", equalTo("0.00"))
                .body("Data.Account[0].MonthlyIncomeBand.Amount", equalTo("0.00"))
                .body("Data.Account[0].AccountSubType", equalTo("CreditCard"));
        // With both, each account has its own facts: the card's are not lifted by the current account's.
        io.restassured.path.json.JsonPath both = as(Api.OFFERS).queryParam("accountIds", card + "," + rich)
                .get("/internal/users/{u}/facts", user).then().statusCode(200).body("Data.Account", hasSize(2))
                .extract().jsonPath();
        assertEquals("0.00", both.getString("Data.Account.find { it.AccountId == '" + card
                + "' }.AverageBalance90DaysBand.Amount"));
        assertEquals("100000.00", both.getString("Data.Account.find { it.AccountId == '" + rich
                + "' }.AverageBalance90DaysBand.Amount"));
        assertEquals("3000.00", both.getString("Data.Account.find { it.AccountId == '" + rich
                + "' }.MonthlyIncomeBand.Amount"));
        // Another user's account named in the list counts for nothing.
        as(Api.OFFERS).queryParam("accountIds", card).get("/internal/users/{u}/facts", newUser()).then().statusCode(200)
                .body("Data.Account", hasSize(0));
        // Without the consent's accounts there are no facts to compute: never the user's whole data.
        as(Api.OFFERS).get("/internal/users/{u}/facts", user).then().statusCode(400)
                .body("Errors[0].Path", equalTo("accountIds"));
    }

    @Test
    void onlyPartnerOffersServiceReadsFacts() {
        String user = newUser();
        as(Api.GATEWAY).get("/internal/users/{u}/facts", user).then().statusCode(403);
        as(Api.CONSENT).get("/internal/users/{u}/facts", user).then().statusCode(403);
        // A user's token is not addressed to this service.
        as(org.openbanking.testing.TestTokens.token("alice", "consent-dashboard", List.of("customer"), java.util.Map.of()))
                .get("/internal/users/{u}/facts", user).then().statusCode(401);
        io.restassured.RestAssured.given().get("/internal/users/{u}/facts", user).then().statusCode(401);
        as(Api.OFFERS).queryParam("accountIds", "a-1").get("/internal/users/{u}/facts", user).then().statusCode(200);
    }
}
