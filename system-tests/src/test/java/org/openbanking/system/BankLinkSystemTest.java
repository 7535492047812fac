package org.openbanking.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * A bank reaches a user only through a link the user created: bob gives a one-time code to a newly onboarded bank,
 * which gets its own CustomerRef and loads an account under it; bob authorises a partner on it; bob unlinks, and the
 * account is gone, the consent revoked and the partner refused within a second. No bank ever names bob's user id.
 */
class BankLinkSystemTest {

    static final String AISP = "/open-banking/v3.1/aisp";

    @BeforeAll
    static void stack() {
        SystemStack.start();
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    @Test
    void aBankReachesBobOnlyThroughHisLinkAndLosesHimWhenHeUnlinks() {
        String bankId = "bank-link-" + Long.toString(System.nanoTime(), 36);
        String secret = as(Tokens.user("ops")).body(Map.of("BankId", bankId, "Name", "Link Test Bank"))
                .post("/admin/banks").then().statusCode(201).extract().path("ClientSecret");
        String bank = Tokens.clientCredentials(bankId, secret);
        String bob = Tokens.user("bob");
        String bobSub = io.restassured.path.json.JsonPath.from(new String(java.util.Base64.getUrlDecoder()
                .decode(bob.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8)).getString("sub");
        Map<String, Object> main = Map.of("Currency", "EUR", "AccountType", "Personal", "AccountSubType",
                "CurrentAccount", "Nickname", "Main", "Iban", "DE89370400440532013000", "Balance",
                Map.of("Booked", Map.of("Amount", "150000.00", "Currency", "EUR"), "Available",
                        Map.of("Amount", "150000.00", "Currency", "EUR")));

        // Without a link, naming bob's user id reaches nobody.
        as(bank).body(main).put("/banks/customers/{r}/accounts/{a}", bobSub, "main").then().statusCode(404);

        String code = as(bob).body(Map.of("BankId", bankId)).post("/me/bank-links").then().statusCode(201)
                .body("Data.Status", equalTo("Pending")).extract().path("Data.LinkCode");
        as(bob).get("/me/bank-links").then().statusCode(200).body("Data.BankLink.BankId", hasItem(bankId));
        // Another bank cannot redeem it; the bank it was made for can, once.
        as(Tokens.bank("bank-alpha")).body(Map.of("LinkCode", code)).post("/banks/customer-links").then().statusCode(404);
        String ref = as(bank).body(Map.of("LinkCode", code)).post("/banks/customer-links").then().statusCode(201)
                .body("BankId", equalTo(bankId)).extract().path("CustomerRef");
        assertFalse(ref.contains(bobSub), "the ref tells nothing of the user id");
        as(bank).body(Map.of("LinkCode", code)).post("/banks/customer-links").then().statusCode(409);

        String account = as(bank).body(main).put("/banks/customers/{r}/accounts/{a}", ref, "main").then().statusCode(201)
                .extract().path("AccountId");
        as(bob).get("/me/accounts").then().body("Data.Account.AccountId", hasItem(account));
        // The ref is this bank's alone.
        as(Tokens.bank("bank-alpha")).body(main).put("/banks/customers/{r}/accounts/{a}", ref, "main").then()
                .statusCode(404);

        String partner = Tokens.partner();
        String consent = as(partner).body(Map.of("Data", Map.of("Permissions", List.of("ReadAccountsBasic", "ReadBalances"),
                "ExpirationDateTime", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0).toString(),
                "Purpose", Map.of("Code", "AccountAggregation", "Description", "Bank link test")), "Risk", Map.of()))
                .post(AISP + "/account-access-consents").then().statusCode(201).extract().path("Data.ConsentId");
        as(bob).body(Map.of("AccountIds", List.of(account))).post("/me/consents/{c}/authorise", consent).then()
                .statusCode(200);
        balances(partner, consent, account).then().statusCode(200);

        as(bob).delete("/me/bank-links/{b}", bankId).then().statusCode(204);
        long unlinked = System.nanoTime();
        int status;
        long millis;
        do {
            status = balances(partner, consent, account).statusCode();
            millis = (System.nanoTime() - unlinked) / 1_000_000;
        } while (status == 200 && millis <= 1000);
        assertEquals(403, status, "the partner is refused after the unlink returned (" + millis + " ms)");
        assertTrue(millis <= 1000, "within 1 s: " + millis + " ms");
        System.out.println("[bank links] partner refused " + millis + " ms after the unlink returned");

        as(bob).get("/me/consents/{c}", consent).then().body("Data.Status", equalTo("Revoked"));
        as(bob).get("/me/accounts").then().body("Data.Account.AccountId", not(hasItem(account)));
        as(bob).get("/me/bank-links").then().body("Data.BankLink.BankId", not(hasItem(bankId)));
        as(bank).body(main).put("/banks/customers/{r}/accounts/{a}", ref, "main").then().statusCode(404);
        as(bob).delete("/me/bank-links/{b}", "bank-never-linked").then().statusCode(404);
    }

    private static io.restassured.response.Response balances(String partner, String consent, String account) {
        return as(partner).header("x-consent-id", consent).header("x-fapi-customer-ip-address", "198.51.100.9")
                .get(AISP + "/accounts/{a}/balances", account);
    }
}
