package org.openbanking.accounts;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.openbanking.accounts.Api.GATEWAY;
import static org.openbanking.accounts.Api.account;
import static org.openbanking.accounts.Api.as;
import static org.openbanking.accounts.Api.createLink;
import static org.openbanking.accounts.Api.newUser;
import static org.openbanking.accounts.Api.putAccountFor;
import static org.openbanking.accounts.Api.redeem;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.openbanking.testing.Concurrently;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Bank links: a bank reaches a user only through a code the user created for that bank, redeemed once for the bank's
 * own opaque CustomerRef; unlinking hides the bank's accounts at once.
 */
@QuarkusTest
class BankLinkTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void aUserLinksABankWithAOneTimeCodeAndTheBankLoadsUnderItsOwnRef() {
        String user = newUser();
        var created = createLink(user, "bank-alpha").statusCode(201)
                .body("Data.BankId", equalTo("bank-alpha"))
                .body("Data.Status", equalTo("Pending"))
                .body("Data.LinkCode", matchesPattern("[0-9A-HJKMNP-TV-Z]{12}"))
                .body("Links.Self", equalTo("http://localhost:8080/me/bank-links"))
                .extract().jsonPath();
        Duration valid = Duration.between(Instant.parse(created.getString("Data.CreationDateTime")),
                Instant.parse(created.getString("Data.ExpirationDateTime")));
        assertEquals(Duration.ofMinutes(15), valid, "a code is valid 15 minutes");
        as(GATEWAY).get("/internal/users/{u}/bank-links", user).then().statusCode(200)
                .body("Data.BankLink.Status", contains("Pending"))
                .body("Data.BankLink[0]", not(org.hamcrest.Matchers.hasKey("LinkCode")));

        String code = created.getString("Data.LinkCode");
        // Another bank cannot use it (and learns nothing); the bank it was made for can, once.
        redeem("bank-beta", code).statusCode(404).body("Errors[0].ErrorCode", equalTo("UK.OBIE.Resource.NotFound"));
        String ref = redeem("bank-alpha", code).statusCode(201).body("BankId", equalTo("bank-alpha"))
                .body("CustomerRef", startsWith("cref-")).extract().path("CustomerRef");
        assertNotEquals(user, ref);
        org.hamcrest.MatcherAssert.assertThat(ref, not(org.hamcrest.Matchers.containsString(user)));
        redeem("bank-alpha", code).statusCode(409).body("Errors[0].ErrorCode", equalTo("UK.OBIE.Rules.ResourceAlreadyExists"));
        as(GATEWAY).get("/internal/users/{u}/bank-links", user).then().body("Data.BankLink.Status", contains("Linked"));
        createLink(user, "bank-alpha").statusCode(409);

        String accountId = putAccountFor("bank-alpha", ref, "main", account("DE89370400440532013000", "150000.00"))
                .statusCode(201).extract().path("AccountId");
        as(GATEWAY).get("/internal/users/{u}/accounts", user).then().body("Data.Account.AccountId", contains(accountId));
        // The ref is bank-alpha's alone; made-up refs and user ids name nobody.
        putAccountFor("bank-beta", ref, "main", account("DE89370400440532013000", "1.00")).statusCode(404);
        putAccountFor("bank-alpha", user, "main", account("DE89370400440532013000", "1.00")).statusCode(404);
        putAccountFor("bank-alpha", "cref-unknown", "x", account("DE89370400440532013000", "1.00")).statusCode(404);
    }

    @Test
    void expiredMalformedAndReplacedCodesAreRefused() throws Exception {
        String user = newUser();
        String first = createLink(user, "bank-alpha").statusCode(201).extract().path("Data.LinkCode");
        // Asking again while pending gives a fresh code; the first one stops working.
        String second = createLink(user, "bank-alpha").statusCode(201).extract().path("Data.LinkCode");
        redeem("bank-alpha", first).statusCode(404);
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                PreparedStatement expire = c.prepareStatement(
                        "update bank_link set code_expires_at = now() - interval '1 second' where user_id = ?")) {
            expire.setString(1, user);
            assertEquals(1, expire.executeUpdate());
        }
        redeem("bank-alpha", second).statusCode(404);
        redeem("bank-alpha", "not-a-code").statusCode(400).body("Errors[0].Path", equalTo("LinkCode"));
        as(GATEWAY).body(java.util.Map.of()).post("/internal/banks/{b}/customer-links", "bank-alpha").then()
                .statusCode(400);
        createLink(user, "no such bank/").statusCode(400).body("Errors[0].Path", equalTo("BankId"));
    }

    @Test
    void oneCodeRedeemedByManyAtOnceLinksOnce() throws Exception {
        String code = createLink(newUser(), "bank-alpha").statusCode(201).extract().path("Data.LinkCode");
        List<Integer> statuses = Concurrently.run(8, i -> redeem("bank-alpha", code).extract().statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
    }

    @Test
    void unlinkingHidesTheBanksAccountsAtOnceAndNamesThem() {
        String user = newUser();
        String alphaRef = Api.customerRef("bank-alpha", user);
        String alpha = putAccountFor("bank-alpha", alphaRef, "u-1", account("DE89370400440532013000", "10.00"))
                .statusCode(201).extract().path("AccountId");
        String beta = Api.loadAccount("bank-beta", user, "u-2");

        as(GATEWAY).delete("/internal/users/{u}/bank-links/{b}", user, "bank-alpha").then().statusCode(200)
                .body("Data.AccountIds", contains(alpha));
        as(GATEWAY).get("/internal/users/{u}/accounts", user).then().body("Data.Account.AccountId", contains(beta));
        as(GATEWAY).get("/internal/users/{u}/bank-links", user).then().body("Data.BankLink.BankId", contains("bank-beta"));
        Api.scoped(alpha, Api.grant("Accounts,Balances", "Accounts", ""))
                .get("/internal/users/{u}/scoped-accounts/{a}/balances", user, alpha).then().statusCode(404);
        as(Api.OFFERS).queryParam("accountIds", alpha + "," + beta).get("/internal/users/{u}/facts", user).then()
                .body("Data.Account.AccountId", contains(beta));
        // The bank's ref is dead; a repeated unlink names the same accounts; a bank never linked is 404.
        putAccountFor("bank-alpha", alphaRef, "u-1", account("DE89370400440532013000", "10.00")).statusCode(404);
        as(GATEWAY).delete("/internal/users/{u}/bank-links/{b}", user, "bank-alpha").then().statusCode(200)
                .body("Data.AccountIds", contains(alpha));
        as(GATEWAY).delete("/internal/users/{u}/bank-links/{b}", user, "bank-gamma").then().statusCode(404);

        // Linked again, the bank gets a new ref; the account shows once the bank loads it again.
        String code = createLink(user, "bank-alpha").statusCode(201).extract().path("Data.LinkCode");
        String newRef = redeem("bank-alpha", code).statusCode(201).extract().path("CustomerRef");
        assertNotEquals(alphaRef, newRef);
        as(GATEWAY).get("/internal/users/{u}/accounts", user).then().body("Data.Account.AccountId", contains(beta));
        putAccountFor("bank-alpha", newRef, "u-1", account("DE89370400440532013000", "10.00")).statusCode(200);
        as(GATEWAY).get("/internal/users/{u}/accounts", user).then().body("Data.Account", hasSize(2));
    }

    @Test
    void onlyTheGatewayManagesLinks() {
        as(Api.CONSENT).get("/internal/users/{u}/bank-links", newUser()).then().statusCode(403);
        as(Api.OFFERS).body(java.util.Map.of("LinkCode", "0123456789AB")).post("/internal/banks/{b}/customer-links", "b")
                .then().statusCode(403);
        io.restassured.RestAssured.given().get("/internal/users/{u}/bank-links", newUser()).then().statusCode(401);
    }
}
