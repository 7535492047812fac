package org.openbanking.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
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
 * The platform's story through the gateway only, with real Keycloak tokens, real PostgreSQL and every service:
 * a partner asks, alice authorises one of her two accounts, the partner reads exactly that, bob sees nothing of it, a
 * bank's offer is placed without any of alice's facts, alice sees every access, revokes, and the partner is refused.
 */
class FullStoryTest {

    static final String AISP = "/open-banking/v3.1/aisp";
    static String partner;
    static String alice;
    static String bob;

    @BeforeAll
    static void startThePlatform() {
        SystemStack.start();
        partner = Tokens.partner();
        alice = Tokens.user("alice");
        bob = Tokens.user("bob");
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    static String requestConsent(List<String> permissions, String purpose) {
        String from = OffsetDateTime.now(ZoneOffset.UTC).minusDays(60).withNano(0).toString();
        String to = OffsetDateTime.now(ZoneOffset.UTC).minusDays(10).withNano(0).toString();
        return as(partner).body(Map.of("Data", Map.of("Permissions", permissions,
                "ExpirationDateTime", OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).withNano(0).toString(),
                "TransactionFromDateTime", from, "TransactionToDateTime", to,
                "Purpose", Map.of("Code", purpose, "Description", "A system test of the platform")), "Risk", Map.of()))
                .post(AISP + "/account-access-consents").then().statusCode(201)
                .body("Data.Status", equalTo("AwaitingAuthorisation")).extract().path("Data.ConsentId");
    }

    static List<String> alicesAccounts() {
        return as(alice).get("/me/accounts").then().statusCode(200).extract().jsonPath().getList("Data.Account.AccountId");
    }

    @Test
    void thePartnerReadsExactlyWhatAliceAuthorisedUntilSheRevokes() {
        List<String> accounts = alicesAccounts();
        assertEquals(2, accounts.size(), "alice has two sandbox accounts");
        String chosen = accounts.get(0);
        String other = accounts.get(1);

        String consent = requestConsent(List.of("ReadAccountsDetail", "ReadBalances", "ReadTransactionsDetail",
                "ReadTransactionsCredits", "ReadTransactionsDebits"), "PersonalFinanceManagement");
        as(alice).get("/me/consents/{c}", consent).then().statusCode(200).body("Data.PartnerId", equalTo("demo-messenger"));
        // Alice cannot authorise an account that is not hers.
        as(alice).body(Map.of("AccountIds", List.of("acc-not-hers"))).post("/me/consents/{c}/authorise", consent).then()
                .statusCode(400);
        as(alice).body(Map.of("AccountIds", List.of(chosen))).post("/me/consents/{c}/authorise", consent).then()
                .statusCode(200).body("Data.Status", equalTo("Authorised")).body("Data.AccountIds", contains(chosen));

        // Exactly the chosen account.
        as(partner).header("x-consent-id", consent).get(AISP + "/accounts").then().statusCode(200)
                .body("Data.Account.AccountId", contains(chosen))
                .body("Data.Account[0].Account[0].SchemeName", equalTo("UK.OBIE.IBAN"));
        as(partner).header("x-consent-id", consent).get(AISP + "/accounts/{a}/balances", other).then().statusCode(403)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Resource.ConsentMismatch"));
        as(partner).header("x-consent-id", consent).get(AISP + "/accounts/{a}/balances", chosen).then().statusCode(200)
                .body("Data.Balance", hasSize(2));
        List<String> booked = as(partner).header("x-consent-id", consent).get(AISP + "/accounts/{a}/transactions", chosen)
                .then().statusCode(200).body("Data.Transaction.AccountId", everyItem(equalTo(chosen)))
                .extract().jsonPath().getList("Data.Transaction.BookingDateTime");
        OffsetDateTime windowStart = OffsetDateTime.now(ZoneOffset.UTC).minusDays(61);
        OffsetDateTime windowEnd = OffsetDateTime.now(ZoneOffset.UTC).minusDays(9);
        assertFalse(booked.isEmpty(), "a year of sandbox history has transactions in the window");
        assertTrue(booked.stream().map(OffsetDateTime::parse).allMatch(t -> t.isAfter(windowStart) && t.isBefore(windowEnd)),
                "every transaction is inside the consent's window: " + booked);

        // Another partner cannot use the consent: it is refused without learning anything about it.
        String operator = Tokens.user("ops");
        var otherPartner = as(operator)
                .body(Map.of("Name", "Other partner " + System.nanoTime(), "Contact", "ops@other.example"))
                .post("/admin/partners").then().statusCode(201).extract().jsonPath();
        String otherToken = Tokens.clientCredentials(otherPartner.getString("ClientId"),
                otherPartner.getString("ClientSecret"));
        as(otherToken).header("x-consent-id", consent).get(AISP + "/accounts").then().statusCode(403)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Resource.ConsentMismatch"));
        as(otherToken).get(AISP + "/account-access-consents/{c}", consent).then().statusCode(404);

        // Bob sees and touches nothing of alice's consent.
        as(bob).get("/me/consents/{c}", consent).then().statusCode(404);
        as(bob).post("/me/consents/{c}/revoke", consent).then().statusCode(404);
        as(bob).get("/me/consents").then().statusCode(200).body("Data.Consent.ConsentId", not(hasItem(consent)));

        // Alice sees every access; then she revokes and the partner is refused at once.
        as(alice).get("/me/access-log?consentId={c}", consent).then().statusCode(200)
                .body("Data.Receipt", hasSize(3))
                .body("Data.Receipt.Resource", contains("Transactions", "Balances", "Accounts"))
                .body("Data.Receipt[0].PartnerId", equalTo("demo-messenger"))
                .body("Data.Receipt[0].ProhibitedUses", contains("Advertising", "Profiling", "Resale"));
        as(alice).post("/me/consents/{c}/revoke", consent).then().statusCode(200).body("Data.Status", equalTo("Revoked"));
        as(partner).header("x-consent-id", consent).get(AISP + "/accounts").then().statusCode(403)
                .body("Errors[0].ErrorCode", equalTo("OB.Consent.Revoked"));
        as(alice).get("/me/consents/{c}/history", consent).then().statusCode(200)
                .body("Data.History.To", contains("AwaitingAuthorisation", "Authorised", "Revoked"));
    }

    @Test
    void basicPermissionsGiveFewerFields() {
        String chosen = alicesAccounts().get(0);
        String consent = requestConsent(List.of("ReadAccountsBasic", "ReadTransactionsBasic", "ReadTransactionsDebits"),
                "AccountAggregation");
        as(alice).body(Map.of("AccountIds", List.of(chosen))).post("/me/consents/{c}/authorise", consent).then()
                .statusCode(200);
        as(partner).header("x-consent-id", consent).get(AISP + "/accounts").then().statusCode(200)
                .body("Data.Account[0]", not(hasKey("Account")))
                // Basic promises nothing that identifies the account: not even a masked number.
                .body("Data.Account[0]", not(hasKey("MaskedIdentification")));
        as(partner).header("x-consent-id", consent).get(AISP + "/accounts/{a}/transactions", chosen).then().statusCode(200)
                .body("Data.Transaction.CreditDebitIndicator", everyItem(equalTo("Debit")))
                .body("Data.Transaction[0]", not(hasKey("TransactionInformation")))
                .body("Data.Transaction[0]", not(hasKey("MerchantDetails")));
        as(partner).header("x-consent-id", consent).get(AISP + "/accounts/{a}/balances", chosen).then().statusCode(403);
    }

    @Test
    void aBanksOfferIsPlacedWithoutAnyOfAlicesFacts() {
        String bank = Tokens.bank("bank-alpha");
        String title = "System test card " + System.nanoTime();
        String offer = as(bank).body(Map.of("Title", title, "Description", "No annual fee", "ProductType", "CreditCard",
                "Rate", "9.9", "Fees", "None", "Url", "https://bank-alpha.example/card",
                "StartDateTime", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).withNano(0).toString(),
                "EndDateTime", OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).withNano(0).toString(),
                "Eligibility", Map.of("AccountTypes", List.of("CurrentAccount", "Savings"))))
                .post("/banks/offers").then().statusCode(201).body("Status", equalTo("Draft")).extract().path("OfferId");
        as(bank).post("/banks/offers/{o}/publish", offer).then().statusCode(200).body("Status", equalTo("Published"));
        // Another bank cannot see it.
        as(Tokens.bank("bank-beta")).get("/banks/offers/{o}", offer).then().statusCode(404);

        String consent = requestConsent(List.of("ReadAccountsBasic", "ReadOffers"), "OfferPlacement");
        as(alice).body(Map.of("AccountIds", List.of(alicesAccounts().get(0)))).post("/me/consents/{c}/authorise", consent)
                .then().statusCode(200);
        String body = as(partner).header("x-consent-id", consent).get(AISP + "/offers").then().statusCode(200)
                .body("Data.Offer.Title", hasItem(title))
                .body("Data.Offer.OfferId", everyItem(org.hamcrest.Matchers.startsWith("plc-")))
                // Matched on the one account this consent covers, and named so (OBReadOffer1).
                .body("Data.Offer.AccountId", everyItem(equalTo(alicesAccounts().get(0))))
                .extract().asString();
        for (String fact : List.of("AverageBalance", "MonthlyIncome", "Eligibility", "AccountTypes", "a11ce000")) {
            assertFalse(body.contains(fact), "the placement response contains " + fact);
        }
        String placement = io.restassured.path.json.JsonPath.from(body)
                .getString("Data.Offer.find { it.Title == '" + title + "' }.OfferId");
        as(partner).body(Map.of("Type", "Shown")).post(AISP + "/offers/{p}/events", placement).then().statusCode(204);
        // One user: the bank's stats stay suppressed.
        as(bank).get("/banks/offers/{o}/stats", offer).then().statusCode(200).body("Suppressed", equalTo(true))
                .body("$", not(hasKey("Placements")));
        as(alice).get("/me/access-log?consentId={c}", consent).then().body("Data.Receipt[0].Resource", equalTo("Offers"))
                .body("Data.Receipt[0].RecordCount", greaterThan(0));
    }
}
