package org.openbanking.consent;

import static io.restassured.RestAssured.given;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openbanking.common.ServiceRoles;
import org.openbanking.testing.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Calls to consent-service as the gateway makes them, and the usual setup of a test. */
public final class Api {

    public static final String GATEWAY_TOKEN = TestTokens.service("gateway", ServiceRoles.GATEWAY);

    private Api() {
    }

    public static RequestSpecification asGateway() {
        return given().auth().oauth2(GATEWAY_TOKEN).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static String newPartner() {
        return "partner-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    public static String in(int days) {
        return OffsetDateTime.now(ZoneOffset.UTC).plusDays(days).withNano(0).toString();
    }

    /** A valid request body; tests change one field at a time. */
    public static Map<String, Object> consentBody() {
        return Map.of("Data", Map.of(
                "Permissions", List.of("ReadAccountsDetail", "ReadBalances", "ReadTransactionsDetail",
                        "ReadTransactionsCredits", "ReadTransactionsDebits"),
                "ExpirationDateTime", in(90),
                "TransactionFromDateTime", in(-180),
                "TransactionToDateTime", in(0),
                "Purpose", Map.of("Code", "PersonalFinanceManagement", "Description", "See all your spending in one place"),
                "FrequencyPerDay", 4), "Risk", Map.of());
    }

    /** The valid body with one change to its {@code Data}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> consentBody(java.util.function.Consumer<Map<String, Object>> change) {
        Map<String, Object> body = new java.util.HashMap<>(consentBody());
        Map<String, Object> data = new java.util.HashMap<>((Map<String, Object>) body.get("Data"));
        change.accept(data);
        body.put("Data", data);
        return body;
    }

    public static ValidatableResponse create(String partnerId, Object body) {
        return asGateway().body(body).post("/internal/partners/{p}/consents", partnerId).then();
    }

    public static String createConsent(String partnerId) {
        return create(partnerId, consentBody()).statusCode(201).extract().path("Data.ConsentId");
    }

    /** A consent of {@code partnerId}, authorised by {@code userId} for {@code accountIds} (which the user owns). */
    public static String authorisedConsent(String partnerId, String userId, String... accountIds) {
        AccountsServiceMock.owns(userId, accountIds);
        String consentId = createConsent(partnerId);
        authorise(userId, consentId, accountIds).statusCode(200);
        return consentId;
    }

    public static ValidatableResponse authorise(String userId, String consentId, String... accountIds) {
        return asGateway().body(Map.of("AccountIds", List.of(accountIds)))
                .post("/internal/users/{u}/consents/{c}/authorise", userId, consentId).then();
    }

    public static ValidatableResponse userAction(String userId, String consentId, String action) {
        return asGateway().post("/internal/users/{u}/consents/{c}/" + action, userId, consentId).then();
    }

    public static ValidatableResponse decide(String partnerId, String consentId, String resource, String accountId,
            boolean userPresent) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("ConsentId", consentId, "Resource", resource,
                "UserPresent", userPresent));
        if (accountId != null) {
            body.put("AccountId", accountId);
        }
        return asGateway().body(body).post("/internal/partners/{p}/access-decisions", partnerId).then();
    }

    public static ValidatableResponse release(String partnerId, String reservationId) {
        return asGateway().post("/internal/partners/{p}/frequency-reservations/{r}/release", partnerId, reservationId)
                .then();
    }

    public static Map<String, Object> receipt(String consentId, String partnerId, String resource, String... accountIds) {
        return Map.of("ConsentId", consentId, "PartnerId", partnerId, "Resource", resource,
                "AccountIds", List.of(accountIds), "RecordCount", 1, "InteractionId", UUID.randomUUID().toString(),
                "UserPresent", false);
    }

    public static ValidatableResponse record(List<Map<String, Object>> receipts) {
        return asGateway().body(Map.of("Receipt", receipts)).post("/internal/receipts").then();
    }
}
