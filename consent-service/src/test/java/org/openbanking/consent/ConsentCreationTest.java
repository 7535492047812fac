package org.openbanking.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.openbanking.consent.Api.asGateway;
import static org.openbanking.consent.Api.consentBody;
import static org.openbanking.consent.Api.create;
import static org.openbanking.consent.Api.createConsent;
import static org.openbanking.consent.Api.in;
import static org.openbanking.consent.Api.newPartner;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openbanking.common.ServiceRoles;
import org.openbanking.testing.Concurrently;
import org.openbanking.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ConsentCreationTest {

    @Test
    void createsAConsentAwaitingAuthorisationWithTheContractShape() {
        String partner = newPartner();
        create(partner, consentBody()).statusCode(201)
                .header("x-fapi-interaction-id", matchesPattern("[0-9a-f-]{36}"))
                .body("Data.ConsentId", startsWith("aac-"))
                .body("Data.Status", equalTo("AwaitingAuthorisation"))
                .body("Data.CreationDateTime", notNullValue())
                .body("Data.StatusUpdateDateTime", notNullValue())
                .body("Data.Permissions", hasItem("ReadBalances"))
                .body("Data.Purpose.Code", equalTo("PersonalFinanceManagement"))
                .body("Data.Purpose.Description", equalTo("See all your spending in one place"))
                .body("Data.ProhibitedUses", contains("Advertising", "Profiling", "Resale"))
                .body("Data.FrequencyPerDay", equalTo(4))
                .body("Data.PartnerId", equalTo(partner))
                .body("Data.PartnerName", equalTo(partner))
                .body("Data.AccountIds", nullValue())
                .body("Data.StatusReason[0].StatusReasonCode", equalTo("AwaitingAuthorisation"))
                .body("Links.Self",
                        matchesPattern("http://localhost:8080/open-banking/v3.1/aisp/account-access-consents/aac-.*"));
    }

    @Test
    void riskIsRequiredAsInObReadConsent1AndIsTheEmptyObjectOfObRisk2() {
        String partner = newPartner();
        String consentId = create(partner, consentBody()).statusCode(201).body("Risk", equalTo(Map.of()))
                .extract().path("Data.ConsentId");
        asGateway().get("/internal/partners/{p}/consents/{c}", partner, consentId).then().statusCode(200)
                .body("Risk", equalTo(Map.of()));

        Map<String, Object> without = new java.util.HashMap<>(consentBody());
        without.remove("Risk");
        Map<String, Object> nullRisk = new java.util.HashMap<>(consentBody());
        nullRisk.put("Risk", null);
        Map<String, Object> withField = new java.util.HashMap<>(consentBody());
        withField.put("Risk", Map.of("PaymentContextCode", "EcommerceGoods"));
        Map<String, Object> notAnObject = new java.util.HashMap<>(consentBody());
        notAnObject.put("Risk", List.of());
        String fresh = newPartner();
        create(fresh, without).statusCode(400)
                .body("Errors.find { it.Path == 'Risk' }.ErrorCode", equalTo("UK.OBIE.Field.Missing"));
        create(fresh, nullRisk).statusCode(400)
                .body("Errors.find { it.Path == 'Risk' }.ErrorCode", equalTo("UK.OBIE.Field.Missing"));
        create(fresh, withField).statusCode(400)
                .body("Errors.find { it.Path == 'Risk.PaymentContextCode' }.ErrorCode", equalTo("UK.OBIE.Field.Invalid"));
        create(fresh, notAnObject).statusCode(400)
                .body("Errors.find { it.Path == 'Risk' }.ErrorCode", equalTo("UK.OBIE.Field.Invalid"));
        // Nothing was stored: the partner was not even registered.
        asGateway().get("/internal/partners/{p}", fresh).then().statusCode(404);
    }

    @Test
    void frequencyPerDayDefaultsToFour() {
        Map<String, Object> body = consentBody(d -> d.remove("FrequencyPerDay"));
        create(newPartner(), body).statusCode(201).body("Data.FrequencyPerDay", equalTo(4));
    }

    @Test
    void theTransactionWindowIsOptional() {
        Map<String, Object> body = consentBody(d -> {
            d.remove("TransactionFromDateTime");
            d.remove("TransactionToDateTime");
        });
        create(newPartner(), body).statusCode(201).body("Data.TransactionFromDateTime", nullValue());
    }

    @Test
    void prohibitedUsesMayBeRestatedButNotChanged() {
        create(newPartner(), consentBody(d -> d.put("ProhibitedUses", List.of("Resale", "Advertising", "Profiling"))))
                .statusCode(201);
        create(newPartner(), consentBody(d -> d.put("ProhibitedUses", List.of("Advertising"))))
                .statusCode(400).body("Errors[0].Path", equalTo("Data.ProhibitedUses"));
    }

    static List<Arguments> invalidRequests() {
        return List.of(
                Arguments.of("no permissions", (Consumer<Map<String, Object>>) d -> d.remove("Permissions"),
                        "UK.OBIE.Field.Missing", "Data.Permissions"),
                Arguments.of("empty permissions", (Consumer<Map<String, Object>>) d -> d.put("Permissions", List.of()),
                        "UK.OBIE.Field.Missing", "Data.Permissions"),
                Arguments.of("unknown permission",
                        (Consumer<Map<String, Object>>) d -> d.put("Permissions",
                                List.of("ReadAccountsBasic", "ReadEverything")),
                        "UK.OBIE.Field.Invalid", "Data.Permissions[1]"),
                Arguments.of("duplicate permission",
                        (Consumer<Map<String, Object>>) d -> d.put("Permissions",
                                List.of("ReadAccountsBasic", "ReadAccountsBasic")),
                        "UK.OBIE.Field.Invalid", "Data.Permissions[1]"),
                Arguments.of("no ReadAccounts*",
                        (Consumer<Map<String, Object>>) d -> d.put("Permissions", List.of("ReadBalances")),
                        "UK.OBIE.Field.Invalid", "Data.Permissions"),
                Arguments.of("transactions without credits or debits",
                        (Consumer<Map<String, Object>>) d -> d.put("Permissions",
                                List.of("ReadAccountsBasic", "ReadTransactionsBasic")),
                        "UK.OBIE.Field.Invalid", "Data.Permissions"),
                Arguments.of("credits without transactions",
                        (Consumer<Map<String, Object>>) d -> d.put("Permissions",
                                List.of("ReadAccountsBasic", "ReadTransactionsCredits")),
                        "UK.OBIE.Field.Invalid", "Data.Permissions"),
                Arguments.of("ReadOffers without OfferPlacement",
                        (Consumer<Map<String, Object>>) d -> d.put("Permissions", List.of("ReadAccountsBasic", "ReadOffers")),
                        "UK.OBIE.Field.Invalid", "Data.Permissions"),
                Arguments.of("no expiry", (Consumer<Map<String, Object>>) d -> d.remove("ExpirationDateTime"),
                        "UK.OBIE.Field.Missing", "Data.ExpirationDateTime"),
                Arguments.of("expiry not a date", (Consumer<Map<String, Object>>) d -> d.put("ExpirationDateTime", "soon"),
                        "UK.OBIE.Field.InvalidDate", "Data.ExpirationDateTime"),
                Arguments.of("expiry without offset",
                        (Consumer<Map<String, Object>>) d -> d.put("ExpirationDateTime", "2030-01-01T00:00:00"),
                        "UK.OBIE.Field.InvalidDate", "Data.ExpirationDateTime"),
                Arguments.of("expiry in the past", (Consumer<Map<String, Object>>) d -> d.put("ExpirationDateTime", in(-1)),
                        "UK.OBIE.Field.InvalidDate", "Data.ExpirationDateTime"),
                Arguments.of("expiry over a year ahead",
                        (Consumer<Map<String, Object>>) d -> d.put("ExpirationDateTime", in(367)),
                        "UK.OBIE.Field.InvalidDate", "Data.ExpirationDateTime"),
                Arguments.of("window reversed", (Consumer<Map<String, Object>>) d -> {
                    d.put("TransactionFromDateTime", in(-1));
                    d.put("TransactionToDateTime", in(-10));
                }, "UK.OBIE.Field.InvalidDate", "Data.TransactionFromDateTime"),
                Arguments.of("window start not a date",
                        (Consumer<Map<String, Object>>) d -> d.put("TransactionFromDateTime", "2026-02-30T00:00:00Z"),
                        "UK.OBIE.Field.InvalidDate", "Data.TransactionFromDateTime"),
                Arguments.of("no purpose", (Consumer<Map<String, Object>>) d -> d.remove("Purpose"),
                        "UK.OBIE.Field.Missing", "Data.Purpose"),
                Arguments.of("unknown purpose",
                        (Consumer<Map<String, Object>>) d -> d.put("Purpose", Map.of("Code", "Marketing", "Description", "x")),
                        "UK.OBIE.Field.Invalid", "Data.Purpose.Code"),
                Arguments.of("no purpose code",
                        (Consumer<Map<String, Object>>) d -> d.put("Purpose", Map.of("Description", "x")),
                        "UK.OBIE.Field.Missing", "Data.Purpose.Code"),
                Arguments.of("no description",
                        (Consumer<Map<String, Object>>) d -> d.put("Purpose", Map.of("Code", "AccountAggregation")),
                        "UK.OBIE.Field.Missing", "Data.Purpose.Description"),
                Arguments.of("empty description",
                        (Consumer<Map<String, Object>>) d -> d.put("Purpose",
                                Map.of("Code", "AccountAggregation", "Description", "")),
                        "UK.OBIE.Field.Invalid", "Data.Purpose.Description"),
                Arguments.of("description of 281 characters",
                        (Consumer<Map<String, Object>>) d -> d.put("Purpose",
                                Map.of("Code", "AccountAggregation", "Description", "x".repeat(281))),
                        "UK.OBIE.Field.Invalid", "Data.Purpose.Description"),
                Arguments.of("frequency 0", (Consumer<Map<String, Object>>) d -> d.put("FrequencyPerDay", 0),
                        "UK.OBIE.Field.Invalid", "Data.FrequencyPerDay"),
                Arguments.of("frequency 101", (Consumer<Map<String, Object>>) d -> d.put("FrequencyPerDay", 101),
                        "UK.OBIE.Field.Invalid", "Data.FrequencyPerDay"),
                Arguments.of("frequency a fraction", (Consumer<Map<String, Object>>) d -> d.put("FrequencyPerDay", 4.5),
                        "UK.OBIE.Field.Invalid", "Data.FrequencyPerDay"),
                Arguments.of("frequency a string", (Consumer<Map<String, Object>>) d -> d.put("FrequencyPerDay", "4"),
                        "UK.OBIE.Field.Invalid", "Data.FrequencyPerDay"),
                Arguments.of("permissions not a list",
                        (Consumer<Map<String, Object>>) d -> d.put("Permissions", "ReadBalances"),
                        "UK.OBIE.Field.Invalid", "Data.Permissions"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void everyRuleAnswers400WithItsCodeAndPathAndStoresNothing(String rule, Consumer<Map<String, Object>> change,
            String code, String path) {
        String partner = newPartner();
        create(partner, consentBody(change)).statusCode(400)
                .body("Code", equalTo("Bad Request"))
                .body("Id", matchesPattern("[0-9a-f-]{36}"))
                .body("Errors.find { it.Path == '" + path + "' }.ErrorCode", equalTo(code));
        // Nothing was stored: the partner was not even registered.
        asGateway().get("/internal/partners/{p}", partner).then().statusCode(404);
    }

    @Test
    void aDescriptionOf280CharactersIsAccepted() {
        create(newPartner(), consentBody(d -> d.put("Purpose",
                Map.of("Code", "AccountAggregation", "Description", "é".repeat(280))))).statusCode(201);
    }

    @Test
    void readOffersIsAllowedForOfferPlacement() {
        create(newPartner(), consentBody(d -> {
            d.put("Permissions", List.of("ReadAccountsBasic", "ReadOffers"));
            d.put("Purpose", Map.of("Code", "OfferPlacement", "Description", "Offers from banks that fit you"));
        })).statusCode(201);
    }

    @Test
    void malformedAndAmbiguousJsonIsA400() {
        String partner = newPartner();
        asGateway().body("{\"Data\": ").post("/internal/partners/{p}/consents", partner).then().statusCode(400)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Field.Invalid"));
        asGateway().body("{\"Data\": {}, \"Data\": {}}").post("/internal/partners/{p}/consents", partner).then()
                .statusCode(400).body("Errors[0].ErrorCode", equalTo("UK.OBIE.Field.Invalid"));
        asGateway().body("").post("/internal/partners/{p}/consents", partner).then().statusCode(400)
                .body("Errors[0].Path", equalTo("Data"));
        asGateway().contentType(ContentType.TEXT).body("hello").post("/internal/partners/{p}/consents", partner).then()
                .statusCode(415).body("Errors[0].ErrorCode", equalTo("UK.OBIE.Header.Invalid"));
    }

    @Test
    void theSameIdempotencyKeyAndBodyReturnTheFirstConsent() {
        String partner = newPartner();
        String key = UUID.randomUUID().toString().substring(0, 20);
        Map<String, Object> body = consentBody();
        String first = asGateway().header("x-idempotency-key", key).body(body)
                .post("/internal/partners/{p}/consents", partner).then().statusCode(201).extract().path("Data.ConsentId");
        String second = asGateway().header("x-idempotency-key", key).body(body)
                .post("/internal/partners/{p}/consents", partner).then().statusCode(201).extract().path("Data.ConsentId");
        assertEquals(first, second);

        // Another body under the same key is refused and creates nothing.
        asGateway().header("x-idempotency-key", key).body(consentBody(d -> d.put("FrequencyPerDay", 9)))
                .post("/internal/partners/{p}/consents", partner).then().statusCode(400)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Header.Invalid"))
                .body("Errors[0].Path", equalTo("x-idempotency-key"));

        // Keys are per partner: another partner's identical key is a new consent.
        String other = asGateway().header("x-idempotency-key", key).body(body)
                .post("/internal/partners/{p}/consents", newPartner()).then().statusCode(201).extract().path("Data.ConsentId");
        assertNotEquals(first, other);
    }

    @RepeatedTest(3)
    void concurrentFirstUsesOfOneKeyCreateOneConsent() throws Exception {
        String partner = newPartner();
        String key = "k-" + UUID.randomUUID().toString().substring(0, 12);
        Map<String, Object> body = consentBody();
        List<String> ids = Concurrently.run(10, i -> asGateway().header("x-idempotency-key", key).body(body)
                .post("/internal/partners/{p}/consents", partner).then().statusCode(201).extract()
                .<String>path("Data.ConsentId"));
        assertEquals(1, ids.stream().distinct().count(), "one consent for one key: " + ids);
    }

    @Test
    void anIdempotencyKeyOver40CharactersIsA400() {
        asGateway().header("x-idempotency-key", "k".repeat(41)).body(consentBody())
                .post("/internal/partners/{p}/consents", newPartner()).then().statusCode(400)
                .body("Errors[0].Path", equalTo("x-idempotency-key"));
    }

    @Test
    void aPartnerSeesItsOwnConsentAndAnotherPartnersIsA404() {
        String partner = newPartner();
        String consentId = createConsent(partner);
        asGateway().get("/internal/partners/{p}/consents/{c}", partner, consentId).then().statusCode(200)
                .body("Data.ConsentId", equalTo(consentId));
        asGateway().get("/internal/partners/{p}/consents/{c}", newPartner(), consentId).then().statusCode(404)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Resource.NotFound"))
                .body(not(org.hamcrest.Matchers.containsString(partner)));
        asGateway().get("/internal/partners/{p}/consents/{c}", partner, "aac-nope").then().statusCode(404);
    }

    @Test
    void onlyTheGatewaysServiceAccountMayCall() {
        given().contentType(ContentType.JSON).body(consentBody())
                .post("/internal/partners/{p}/consents", newPartner()).then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Header.Missing"));
        given().auth().oauth2("not-a-jwt").contentType(ContentType.JSON).body(consentBody())
                .post("/internal/partners/{p}/consents", newPartner()).then().statusCode(401)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Header.Invalid"));
        // A partner's own token (role partner) is a valid token of the realm, but its audience is not this service.
        String partnerToken = TestTokens.token("service-account-p1", "p1", List.of("partner"), Map.of());
        given().auth().oauth2(partnerToken).contentType(ContentType.JSON).body(consentBody())
                .post("/internal/partners/{p}/consents", "p1").then().statusCode(401);
        // Another internal service's account is not addressed to this service either.
        given().auth().oauth2(TestTokens.service("partner-offers-service", ServiceRoles.OFFERS))
                .contentType(ContentType.JSON).body(consentBody())
                .post("/internal/partners/{p}/consents", "p1").then().statusCode(401);
        // A partner's client given the gateway's role and this audience (a mapper added by mistake or by an attacker):
        // the role counts only in the gateway's own token.
        String escalated = TestTokens.token("service-account-p1", "p1", List.of("partner", ServiceRoles.GATEWAY),
                Map.of("aud", List.of("consent-service")));
        given().auth().oauth2(escalated).contentType(ContentType.JSON).body(consentBody())
                .post("/internal/partners/{p}/consents", "p1").then().statusCode(403)
                .body("Code", equalTo("Forbidden"));
    }
}
