package org.openbanking.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The bad inputs that the jqwik fuzz runs (BadInputFuzzTest) found answered with a 5xx, accepted and stored altered, or
 * read as another id, pinned one by one: each is now a 400 in the envelope and changes nothing. (Before the fixes:
 * NullPointerExceptions on a missing enum value, "timestamp out of range" and "invalid byte sequence 0x00" from
 * PostgreSQL, lone surrogates stored as "?", a 204 for an unblock of no partner, an encoded ';' in a partner id that
 * reached consent-service as the id before it; a 500 of consent-service also opened the gateway's breaker, so that one
 * bad request made every user's next calls 503 for five seconds.)
 */
class KnownBadInputsSystemTest {

    static final String AISP = "/open-banking/v3.1/aisp";
    static final String LONE_SURROGATE = "\\ud800"; // as a JSON escape: the parser makes it a lone UTF-16 unit
    static String partner;
    static String alice;
    static String bank;
    static String operator;
    static String consent;
    static String account;

    @BeforeAll
    static void platform() {
        SystemStack.start();
        partner = Tokens.partner();
        alice = Tokens.user("alice");
        bank = Tokens.bank("bank-alpha");
        operator = Tokens.user("ops");
        account = as(alice).get("/me/accounts").then().statusCode(200).extract().path("Data.Account[0].AccountId");
        consent = as(partner).body(consent(Map.of())).post(AISP + "/account-access-consents").then().statusCode(201)
                .extract().path("Data.ConsentId");
        as(alice).body(Map.of("AccountIds", List.of(account))).post("/me/consents/{c}/authorise", consent).then()
                .statusCode(200);
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    static String consent(Map<String, String> rawFields) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("Permissions", "[\"ReadAccountsDetail\",\"ReadTransactionsDetail\",\"ReadTransactionsDebits\"]");
        data.put("ExpirationDateTime", "\"" + OffsetDateTime.now(ZoneOffset.UTC).plusDays(10).withNano(0) + "\"");
        data.put("Purpose", "{\"Code\":\"AccountAggregation\",\"Description\":\"Known bad inputs\"}");
        data.putAll(rawFields);
        StringBuilder json = new StringBuilder("{\"Data\":{");
        data.forEach((k, v) -> json.append(json.charAt(json.length() - 1) == '{' ? "" : ",").append('"').append(k)
                .append("\":").append(v));
        return json.append("},\"Risk\":{}}").toString();
    }

    static void refused(Response response, String path) {
        String body = response.asString();
        assertEquals(400, response.statusCode(), body);
        assertEquals(path, response.path("Errors[0].Path"), body);
        ContractValidation.assertEnvelope("a known bad input", response, response.header("x-fapi-interaction-id"));
    }

    @Test
    void datesBeyondFourDigitYearsAreRefused() {
        Map<String, String> before = PlatformState.snapshot();
        for (String date : List.of("+999999999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
                "-4714-11-23T00:00:00Z")) {
            refused(as(partner).body(consent(Map.of("TransactionToDateTime", "\"" + date + "\"")))
                    .post(AISP + "/account-access-consents"), "Data.TransactionToDateTime");
            refused(as(alice).queryParam("from", date).get("/me/access-log"), "from");
            refused(as(partner).header("x-consent-id", consent).header("x-fapi-customer-ip-address", "198.51.100.8")
                    .queryParam("fromBookingDateTime", date).get(AISP + "/accounts/{a}/transactions", account),
                    "fromBookingDateTime");
        }
        Map<String, Object> account = BadInputFuzzTest.accountLoad();
        account.put("OpeningDate", "+999999999-12-31");
        refused(as(bank).body(account).put("/banks/customers/known-bad-user/accounts/KB-1"), "OpeningDate");
        assertEquals(Map.of(), PlatformState.changes(before, PlatformState.snapshot()));
    }

    @Test
    void forgedPageTokensWithImpossibleTimesAreRefused() {
        for (String raw : List.of("-9223372036854775808:00000000-0000-0000-0000-000000000000",
                "9223372036854775807:00000000-0000-0000-0000-000000000000")) {
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
            refused(as(alice).queryParam("page-token", token).get("/me/access-log"), "page-token");
        }
        for (String raw : List.of("-9223372036854775808:tx-1", "0:tx" + (char) 0)) {
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
            Response response = as(partner).header("x-consent-id", consent).header("x-fapi-customer-ip-address",
                    "198.51.100.8").queryParam("page-token", token).get(AISP + "/accounts/{a}/transactions", account);
            assertEquals(400, response.statusCode(), response.asString());
        }
    }

    @Test
    void anUpperCaseInteractionIdIsEchoedAsSentOnDataAndOnErrors() {
        // It used to come back in lower case; every response here is also checked against the OpenAPI document.
        String id = java.util.UUID.randomUUID().toString().toUpperCase();
        as(partner).header("x-fapi-interaction-id", id).header("x-consent-id", consent)
                .header("x-fapi-customer-ip-address", "198.51.100.8").get(AISP + "/accounts/{a}/transactions", account).then()
                .statusCode(200).header("x-fapi-interaction-id", id);
        assertEquals(List.of(id), PlatformState.receiptsAnswering(List.of(id)), "the receipt carries the id as sent");
        as(partner).header("x-fapi-interaction-id", id).header("x-consent-id", "aac-nope").get(AISP + "/accounts").then()
                .statusCode(403).header("x-fapi-interaction-id", id).body("Id", equalTo(id));
    }

    @Test
    void missingEnumValuesAreA400NotANullPointer() {
        Map<String, Object> offer = new LinkedHashMap<>(io.restassured.path.json.JsonPath
                .from(AuthorizationMatrixSystemTest.offerBody("Known bad")).getMap("$"));
        offer.remove("ProductType");
        refused(as(bank).body(offer).post("/banks/offers"), "ProductType");
        offer.put("ProductType", "Savings");
        offer.put("Eligibility", Map.of("AccountTypes", java.util.Arrays.asList("Savings", null)));
        refused(as(bank).body(offer).post("/banks/offers"), "Eligibility.AccountTypes");
        for (String field : List.of("AccountType", "AccountSubType")) {
            Map<String, Object> account = BadInputFuzzTest.accountLoad();
            account.remove(field);
            refused(as(bank).body(account).put("/banks/customers/known-bad-user/accounts/KB-1"), field);
        }
    }

    @Test
    void textThatIsNotWellFormedIsRefusedNotStoredAltered() {
        refused(as(partner).body(consent(Map.of("Purpose", "{\"Code\":\"AccountAggregation\",\"Description\":\"Budget"
                + LONE_SURROGATE + "\"}"))).post(AISP + "/account-access-consents"), "Data.Purpose.Description");
        refused(as(operator).body("{\"BankId\":\"known-bad-bank\",\"Name\":\"Bank" + LONE_SURROGATE + "\"}")
                .post("/admin/banks"), "Name");
        refused(as(operator).body("{\"Name\":\"Partner" + LONE_SURROGATE + "\",\"Contact\":\"kb@partner.example\"}")
                .post("/admin/partners"), "Name");
        Map<String, Object> account = BadInputFuzzTest.accountLoad();
        account.put("Nickname", "Nick\u0000");
        refused(as(bank).body(account).put("/banks/customers/known-bad-user/accounts/KB-1"), "Nickname");
        for (String field : List.of("TransactionInformation", "MerchantName")) {
            Map<String, Object> row = new LinkedHashMap<>(Map.of("TransactionId", "kb-1", "BookingDateTime",
                    OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).withNano(0).toString(), "Amount",
                    Map.of("Amount", "1.00", "Currency", "EUR"), "CreditDebitIndicator", "Debit", "Status", "Booked"));
            if (field.equals("MerchantName")) {
                row.put("MerchantDetails", Map.of("MerchantName", "Shop\u0000"));
            } else {
                row.put(field, "Coffee\u0000");
            }
            Response response = as(bank).body(Map.of("Transaction", List.of(row)))
                    .post("/banks/customers/known-bad-user/accounts/KB-1/transactions");
            assertEquals(400, response.statusCode(), response.asString());
        }
    }

    @Test
    void idsThatAreNoIdsAreRefusedBeforeAQueryAndOpenNoBreaker() {
        refused(given().auth().oauth2(alice).urlEncodingEnabled(false).delete("/me/blocked-partners/%27%20OR%20%271%27%3D%271"),
                "PartnerId");
        // A ';' in an id: the gateway's REST client left it unencoded, and consent-service read "1; SELECT ..." as "1".
        refused(given().auth().oauth2(alice).urlEncodingEnabled(false)
                .delete("/me/blocked-partners/1%3B%20SELECT%20pg_sleep(10)%20--"), "PartnerId");
        refused(given().auth().oauth2(alice).urlEncodingEnabled(false).put("/me/blocked-partners/kb-partner%3Bx"),
                "PartnerId");
        refused(given().auth().oauth2(alice).urlEncodingEnabled(false).get("/me/consents/aac%00"), "ConsentId");
        refused(given().auth().oauth2(partner).urlEncodingEnabled(false)
                .delete(AISP + "/account-access-consents/aac%00"), "ConsentId");
        refused(given().auth().oauth2(bank).urlEncodingEnabled(false).get("/banks/offers/off%00"), "OfferId");
        // NUL in a filter of the access log: a 500 here used to open the gateway's breaker for every user.
        for (int i = 0; i < 30; i++) {
            refused(given().auth().oauth2(alice).urlEncodingEnabled(false).get("/me/access-log?consentId=aac%00"),
                    "consentId");
        }
        as(Tokens.user("bob")).get("/me/consents").then().statusCode(200);
        as(partner).get(AISP + "/account-access-consents/{c}", consent).then().statusCode(200)
                .body("Data.Status", equalTo("Authorised"));
    }
}
