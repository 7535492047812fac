package org.openbanking.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * An off-the-shelf OBIE client's view: a minimal, spec-valid OBReadConsent1 (plus the contract's one required
 * extension, Purpose) is accepted, and every read of the partner API, under Basic and Detail permissions and with
 * OBIE's forms of query date-times, is valid against the official v3.1.11 schemas. {@link ContractValidation} holds
 * each of these responses against the official schemas; this test makes the calls an OBIE client makes and checks that
 * they were checked.
 */
class ObieConformanceSystemTest {

    static final String AISP = ObieSchemas.AISP;
    static String partner;
    static String alice;

    @BeforeAll
    static void startThePlatform() {
        SystemStack.start();
        partner = Tokens.partner();
        alice = Tokens.user("alice");
    }

    static RequestSpecification as(String token) {
        // The user is present: these reads do not count against FrequencyPerDay.
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON)
                .header("x-fapi-customer-ip-address", "198.51.100.18");
    }

    /** OBReadConsent1 with nothing but what it requires or allows, plus the contract's required Purpose. */
    static String minimalConsent(List<String> permissions) {
        // RFC 3339, as OBIE's schema wants it: with seconds (OffsetDateTime.toString() drops ":00").
        String expires = DateTimeFormatter.ISO_OFFSET_DATE_TIME
                .format(OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).withNano(0));
        return "{\"Data\":{\"Permissions\":[\"" + String.join("\",\"", permissions) + "\"],\"ExpirationDateTime\":\""
                + expires + "\",\"Purpose\":{\"Code\":\"PersonalFinanceManagement\",\"Description\":\"An OBIE client\"}},"
                + "\"Risk\":{}}";
    }

    @Test
    void aMinimalObReadConsent1IsAcceptedAndEveryReadIsValidAgainstTheOfficialSchemas() {
        OpenApiInteractionValidator official = OpenApiInteractionValidator
                .createForInlineApiSpecification(ObieSchemas.document()).build();
        long checkedBefore = ContractValidation.checkedAgainstObie();
        int calls = 0;
        String account = as(alice).get("/me/accounts").then().statusCode(200).extract().jsonPath()
                .getString("Data.Account[0].AccountId");

        for (List<String> permissions : List.of(
                List.of("ReadAccountsBasic", "ReadBalances", "ReadTransactionsBasic", "ReadTransactionsCredits",
                        "ReadTransactionsDebits"),
                List.of("ReadAccountsDetail", "ReadBalances", "ReadTransactionsDetail", "ReadTransactionsDebits"))) {
            String body = minimalConsent(permissions);
            ValidationReport request = official.validateRequest(SimpleRequest.Builder
                    .post(AISP + "/account-access-consents").withContentType("application/json").withBody(body).build());
            assertFalse(request.hasErrors(), "the minimal request is an OBReadConsent1: " + request);
            boolean detail = permissions.contains("ReadAccountsDetail");
            String consent = as(partner).body(body).post(AISP + "/account-access-consents").then().statusCode(201)
                    .body("Risk", anEmptyMap()).body("Links.Self", notNullValue()).body("Meta", notNullValue())
                    .extract().path("Data.ConsentId");
            calls++;
            given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("AccountIds", List.of(account)))
                    .post("/me/consents/{c}/authorise", consent).then().statusCode(200);
            as(partner).get(AISP + "/account-access-consents/{c}", consent).then().statusCode(200)
                    .body("Data.Status", equalTo("Authorised"));
            as(partner).header("x-consent-id", consent).get(AISP + "/accounts").then().statusCode(200)
                    .body("Data.Account", everyItem(detail ? hasKey("Account") : not(hasKey("Account"))));
            as(partner).header("x-consent-id", consent).get(AISP + "/accounts/{a}", account).then().statusCode(200);
            as(partner).header("x-consent-id", consent).get(AISP + "/accounts/{a}/balances", account).then()
                    .statusCode(200);
            as(partner).header("x-consent-id", consent).get(AISP + "/accounts/{a}/transactions", account).then()
                    .statusCode(200)
                    .body("Data.Transaction", everyItem(detail
                            ? hasKey("TransactionInformation")
                            : not(hasKey("TransactionInformation"))));
            calls += 5; // the consent, the accounts, one account, its balances, its transactions
        }

        // OBIE's query date-times: a date alone, a date-time without a zone, and with a zone that is ignored.
        String consent = as(partner).body(minimalConsent(List.of("ReadAccountsBasic", "ReadTransactionsBasic",
                "ReadTransactionsCredits", "ReadTransactionsDebits"))).post(AISP + "/account-access-consents").then()
                .statusCode(201).extract().path("Data.ConsentId");
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("AccountIds", List.of(account)))
                .post("/me/consents/{c}/authorise", consent).then().statusCode(200);
        LocalDateTime wallClock = LocalDateTime.now(ZoneOffset.UTC).minusDays(20).truncatedTo(ChronoUnit.SECONDS);
        List<String> upTo = transactions(consent, account, "toBookingDateTime", wallClock.toString());
        assertFalse(upTo.isEmpty(), "alice has transactions older than 20 days");
        assertTrue(upTo.stream().allMatch(t -> !Instant.parse(t).isAfter(wallClock.toInstant(ZoneOffset.UTC))), upTo::toString);
        assertEquals(upTo, transactions(consent, account, "toBookingDateTime", wallClock + "+09:00"),
                "a time zone in a query date-time is ignored");
        assertEquals(upTo, transactions(consent, account, "toBookingDateTime", wallClock + "Z"));
        // A date alone is its first instant, in UTC.
        Instant midnight = wallClock.toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC);
        List<String> fromDay = transactions(consent, account, "fromBookingDateTime", wallClock.toLocalDate().toString());
        assertFalse(fromDay.isEmpty(), "alice has transactions in the last 20 days");
        assertTrue(fromDay.stream().allMatch(t -> !Instant.parse(t).isBefore(midnight)), fromDay::toString);
        calls += 5; // the consent and four pages of transactions

        long checked = ContractValidation.checkedAgainstObie() - checkedBefore;
        assertTrue(checked >= calls, "only " + checked + " of " + calls + " partner responses were held against OBIE");
        System.out.println("[obie] " + checked + " partner responses of this test valid against the official v3.1.11 "
                + "schemas; " + ContractValidation.checkedAgainstObie() + " in this JVM so far");
    }

    private static List<String> transactions(String consent, String account, String parameter, String value) {
        return as(partner).header("x-consent-id", consent).queryParam(parameter, value)
                .get(AISP + "/accounts/{a}/transactions", account).then().statusCode(200).extract().jsonPath()
                .getList("Data.Transaction.BookingDateTime");
    }

    @Test
    void aConsentRequestWithoutRiskOrWithFieldsInRiskIsRefused() {
        String minimal = minimalConsent(List.of("ReadAccountsBasic"));
        as(partner).body(minimal.replace(",\"Risk\":{}", "")).post(AISP + "/account-access-consents").then()
                .statusCode(400).body("Errors[0].ErrorCode", equalTo("UK.OBIE.Field.Missing"))
                .body("Errors[0].Path", equalTo("Risk"));
        as(partner).body(minimal.replace("\"Risk\":{}", "\"Risk\":{\"PaymentContextCode\":\"EcommerceGoods\"}"))
                .post(AISP + "/account-access-consents").then().statusCode(400)
                .body("Errors[0].Path", equalTo("Risk.PaymentContextCode"));
    }
}
