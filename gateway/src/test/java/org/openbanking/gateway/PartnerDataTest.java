package org.openbanking.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Consent enforcement for partner data calls, against stand-in services. */
@QuarkusTest
class PartnerDataTest {

    static final String PERMIT = """
            {"Decision":"Permit","Status":200,"Grant":{"ConsentId":"aac-1","Status":"Authorised","UserId":"alice-sub",
             "AccountIds":["acc-1"],"Resources":["Accounts","Balances"],"Detail":["Accounts"],"CreditDebit":[],
             "TransactionFromDateTime":"2026-01-01T00:00:00Z","TransactionToDateTime":"2026-12-31T00:00:00Z",
             "ExpirationDateTime":"2027-01-01T00:00:00Z","FrequencyPerDay":4},
             "Receipt":{"UserId":"alice-sub","PartnerName":"p1","Purpose":"AccountAggregation","ProhibitedUses":[]}}""";
    static final String BALANCES = """
            {"Data":{"Balance":[{"AccountId":"acc-1","Amount":{"Amount":"10.00","Currency":"EUR"},
             "CreditDebitIndicator":"Credit","Type":"InterimBooked","DateTime":"2026-11-29T00:00:00Z"},
             {"AccountId":"acc-1","Amount":{"Amount":"9.00","Currency":"EUR"},"CreditDebitIndicator":"Credit",
             "Type":"InterimAvailable","DateTime":"2026-11-29T00:00:00Z"}]},"Links":{"Self":"x"},"Meta":{}}""";

    @BeforeEach
    void reset() {
        Services.reset();
    }

    static void permit() {
        Services.consent.stubFor(post(urlEqualTo("/internal/partners/p1/access-decisions")).willReturn(okJson(PERMIT)));
    }

    static void receiptsStored() {
        Services.consent.stubFor(post(urlEqualTo("/internal/receipts"))
                .willReturn(okJson("{\"Data\":{\"ReceiptId\":[\"r\"]}}").withStatus(201)));
    }

    static void balances() {
        Services.accounts.stubFor(get(urlPathEqualTo("/internal/users/alice-sub/scoped-accounts/acc-1/balances"))
                .willReturn(okJson(BALANCES)));
    }

    @Test
    void aCustomerIpThatIsNoAddressIsRefusedBeforeAnythingIsAsked() {
        permit();
        receiptsStored();
        balances();
        for (String notAnAddress : new String[]{"yes", "present", "1.2.3", "localhost", "1.2.3.4, 5.6.7.8"}) {
            given().auth().oauth2(Tokens.partner("p1")).header("x-consent-id", "aac-1")
                    .header("x-fapi-customer-ip-address", notAnAddress)
                    .get("/open-banking/v3.1/aisp/accounts/acc-1/balances").then().statusCode(400)
                    .body("Errors[0].ErrorCode", org.hamcrest.Matchers.equalTo("UK.OBIE.Header.Invalid"))
                    .body("Errors[0].Path", org.hamcrest.Matchers.equalTo("x-fapi-customer-ip-address"));
        }
        Services.consent.verify(0, postRequestedFor(urlEqualTo("/internal/partners/p1/access-decisions")));
        // A real address: the user is present.
        given().auth().oauth2(Tokens.partner("p1")).header("x-consent-id", "aac-1")
                .header("x-fapi-customer-ip-address", "2001:db8::7")
                .get("/open-banking/v3.1/aisp/accounts/acc-1/balances").then().statusCode(200);
        Services.consent.verify(postRequestedFor(urlEqualTo("/internal/partners/p1/access-decisions"))
                .withRequestBody(matchingJsonPath("$.UserPresent", equalTo("true"))));
    }

    @Test
    void aReservedCallThatServedNothingGivesItsReservationBack() {
        Services.consent.stubFor(post(urlEqualTo("/internal/partners/p1/access-decisions"))
                .willReturn(okJson(PERMIT.replace("\"Receipt\":", "\"Reservation\":\"res-1\",\"Receipt\":"))));
        Services.consent.stubFor(post(urlEqualTo("/internal/partners/p1/frequency-reservations/res-1/release"))
                .willReturn(aResponse().withStatus(204)));
        Services.accounts.stubFor(get(urlPathEqualTo("/internal/users/alice-sub/scoped-accounts/acc-1/balances"))
                .willReturn(aResponse().withStatus(500)));
        given().auth().oauth2(Tokens.partner("p1")).header("x-consent-id", "aac-1")
                .get("/open-banking/v3.1/aisp/accounts/acc-1/balances").then().statusCode(503);
        Services.consent.verify(1,
                postRequestedFor(urlEqualTo("/internal/partners/p1/frequency-reservations/res-1/release")));

        // Served: the reservation stands.
        Services.reset();
        Services.consent.stubFor(post(urlEqualTo("/internal/partners/p1/access-decisions"))
                .willReturn(okJson(PERMIT.replace("\"Receipt\":", "\"Reservation\":\"res-2\",\"Receipt\":"))));
        receiptsStored();
        balances();
        given().auth().oauth2(Tokens.partner("p1")).header("x-consent-id", "aac-1")
                .get("/open-banking/v3.1/aisp/accounts/acc-1/balances").then().statusCode(200);
        Services.consent.verify(0,
                postRequestedFor(urlPathEqualTo("/internal/partners/p1/frequency-reservations/res-2/release")));
    }

    @Test
    void aPermittedCallIsServedWithTheDecidedGrantAndReceiptedFirst() {
        permit();
        receiptsStored();
        balances();
        given().auth().oauth2(Tokens.partner("p1")).header("x-consent-id", "aac-1")
                .get("/open-banking/v3.1/aisp/accounts/acc-1/balances").then().statusCode(200)
                .body("Data.Balance", hasSize(2));

        Services.consent.verify(postRequestedFor(urlEqualTo("/internal/partners/p1/access-decisions"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+"))
                .withRequestBody(equalToJson("{\"ConsentId\":\"aac-1\",\"Resource\":\"Balances\",\"AccountId\":\"acc-1\","
                        + "\"UserPresent\":false}", false, true))
                .withRequestBody(matchingJsonPath("$.ReservationId")));
        // The user and the grant come from the decision, never from the partner, and are passed on as named.
        Services.accounts.verify(getRequestedFor(urlPathEqualTo("/internal/users/alice-sub/scoped-accounts/acc-1/balances"))
                .withQueryParam("accountIds", equalTo("acc-1"))
                .withQueryParam("resources", equalTo("Accounts,Balances"))
                .withQueryParam("detail", equalTo("Accounts"))
                .withQueryParam("transactionFrom", equalTo("2026-01-01T00:00:00Z")));
        Services.consent.verify(postRequestedFor(urlEqualTo("/internal/receipts"))
                .withRequestBody(matchingJsonPath("$.Receipt[0].ConsentId", equalTo("aac-1")))
                .withRequestBody(matchingJsonPath("$.Receipt[0].PartnerId", equalTo("p1")))
                .withRequestBody(matchingJsonPath("$.Receipt[0].Resource", equalTo("Balances")))
                .withRequestBody(matchingJsonPath("$.Receipt[0].RecordCount", equalTo("2")))
                .withRequestBody(matchingJsonPath("$.Receipt[0].AccountIds[0]", equalTo("acc-1"))));
    }

    @Test
    void theUserBeingPresentIsPassedOn() {
        permit();
        receiptsStored();
        balances();
        given().auth().oauth2(Tokens.partner("p1")).header("x-consent-id", "aac-1")
                .header("x-fapi-customer-ip-address", "198.51.100.7")
                .get("/open-banking/v3.1/aisp/accounts/acc-1/balances").then().statusCode(200);
        Services.consent.verify(postRequestedFor(urlEqualTo("/internal/partners/p1/access-decisions"))
                .withRequestBody(matchingJsonPath("$.UserPresent", equalTo("true"))));
        Services.consent.verify(postRequestedFor(urlEqualTo("/internal/receipts"))
                .withRequestBody(matchingJsonPath("$.Receipt[0].UserPresent", equalTo("true"))));
    }

    @Test
    void aDenialIsAnsweredWithItsStatusAndCodeAndNoDataIsFetched() {
        Services.consent.stubFor(post(urlEqualTo("/internal/partners/p1/access-decisions")).willReturn(okJson(
                "{\"Decision\":\"Deny\",\"Status\":403,\"ErrorCode\":\"OB.Consent.Revoked\",\"Message\":\"The consent has been revoked\"}")));
        given().auth().oauth2(Tokens.partner("p1")).header("x-consent-id", "aac-1")
                .get("/open-banking/v3.1/aisp/accounts/acc-1/balances").then().statusCode(403)
                .body("Errors[0].ErrorCode", org.hamcrest.Matchers.equalTo("OB.Consent.Revoked"));
        Services.accounts.verify(0, getRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));

        Services.consent.stubFor(post(urlEqualTo("/internal/partners/p1/access-decisions")).willReturn(okJson(
                "{\"Decision\":\"Deny\",\"Status\":429,\"ErrorCode\":\"OB.RateLimited\",\"Message\":\"used up\",\"RetryAfterSeconds\":3600}")));
        given().auth().oauth2(Tokens.partner("p1")).header("x-consent-id", "aac-1")
                .get("/open-banking/v3.1/aisp/accounts/acc-1/balances").then().statusCode(429)
                .header("Retry-After", "3600")
                .body("Errors[0].ErrorCode", org.hamcrest.Matchers.equalTo("OB.RateLimited"));
    }

    @Test
    void withoutAConsentHeaderNothingIsAsked() {
        given().auth().oauth2(Tokens.partner("p1")).get("/open-banking/v3.1/aisp/accounts").then().statusCode(400)
                .body("Errors[0].ErrorCode", org.hamcrest.Matchers.equalTo("UK.OBIE.Header.Missing"))
                .body("Errors[0].Path", org.hamcrest.Matchers.equalTo("x-consent-id"));
        Services.consent.verify(0, postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }

    @Test
    void aDecisionRequestRefusedByConsentServiceIsAnsweredWithItsErrorAndNothingIsFetched() {
        balances();
        Services.consent.stubFor(post(urlEqualTo("/internal/partners/p1/access-decisions")).willReturn(okJson("""
                {"Code":"Bad Request","Id":"x","Message":"AccountId is not valid",
                 "Errors":[{"ErrorCode":"UK.OBIE.Field.Invalid","Path":"AccountId","Message":"AccountId is not valid"}]}""")
                .withStatus(400)));
        given().auth().oauth2(Tokens.partner("p1")).header("x-consent-id", "aac-1")
                .get("/open-banking/v3.1/aisp/accounts/acc-1/balances").then().statusCode(400)
                .body("Message", org.hamcrest.Matchers.equalTo("AccountId is not valid"))
                .body("Errors[0].ErrorCode", org.hamcrest.Matchers.equalTo("UK.OBIE.Field.Invalid"))
                .body("Errors[0].Path", org.hamcrest.Matchers.equalTo("AccountId"));
        Services.accounts.verify(0,
                getRequestedFor(urlPathEqualTo("/internal/users/alice-sub/scoped-accounts/acc-1/balances")));
    }

    @Test
    void consentServiceDownMeansNothingIsServed() {
        Services.consent.stubFor(post(urlEqualTo("/internal/partners/p1/access-decisions"))
                .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        balances();
        given().auth().oauth2(Tokens.partner("p1")).header("x-consent-id", "aac-1")
                .get("/open-banking/v3.1/aisp/accounts/acc-1/balances").then().statusCode(503)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("Errors[0].ErrorCode", org.hamcrest.Matchers.equalTo("OB.DependencyUnavailable"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("10.00")));
        Services.accounts.verify(0, getRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }

    @Test
    void aReceiptThatCannotBeStoredMeansNoData() {
        permit();
        balances();
        Services.consent.stubFor(post(urlEqualTo("/internal/receipts")).willReturn(aResponse().withStatus(500)));
        given().auth().oauth2(Tokens.partner("p1")).header("x-consent-id", "aac-1")
                .get("/open-banking/v3.1/aisp/accounts/acc-1/balances").then().statusCode(503)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("InterimBooked")));
    }

    @Test
    void offersDegradeToNoOffers() {
        Services.consent.stubFor(post(urlEqualTo("/internal/partners/p1/access-decisions")).willReturn(okJson(PERMIT)));
        receiptsStored();
        Services.offers
                .stubFor(get(urlPathEqualTo("/internal/partners/p1/placements")).willReturn(aResponse().withStatus(500)));
        given().auth().oauth2(Tokens.partner("p1")).header("x-consent-id", "aac-1")
                .get("/open-banking/v3.1/aisp/offers?x=1").then().statusCode(200).body("Data.Offer", hasSize(0))
                .body("Links.Self", org.hamcrest.Matchers.matchesPattern("http://localhost:\\d+/open-banking/v3.1/aisp/offers"))
                .body("Meta", org.hamcrest.Matchers.anEmptyMap());
    }
}
