package org.openbanking.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Onboarding against the real Keycloak: a partner's whole life as an OIDC client, and a bank's first day. */
class OnboardingSystemTest {

    static final String AISP = "/open-banking/v3.1/aisp";
    static String operator;
    static String alice;

    @BeforeAll
    static void startThePlatform() {
        SystemStack.start();
        operator = Tokens.user("ops");
        alice = Tokens.user("alice");
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    static int tokenStatus(String clientId, String secret) {
        return given().baseUri(SystemStack.tokenUrl()).port(-1).formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", secret).post().statusCode();
    }

    @Test
    void aPartnersLifeAsAnOidcClient() {
        String name = "Chat Pay " + System.nanoTime();
        var onboarded = as(operator).body(Map.of("Name", name, "Contact", "ops@chatpay.example",
                "RedirectUris", List.of("https://chatpay.example/callback")))
                .post("/admin/partners").then().statusCode(201).body("Status", equalTo("Active")).extract().jsonPath();
        String id = onboarded.getString("PartnerId");
        String secret = onboarded.getString("ClientSecret");
        assertEquals(id, onboarded.getString("ClientId"));

        // The partner gets a token with its secret and uses a partner route.
        String token = Tokens.clientCredentials(id, secret);
        assertOnlyRole(token, "partner");
        String consent = as(token).body(Map.of("Data", Map.of("Permissions", List.of("ReadAccountsBasic"),
                "ExpirationDateTime", OffsetDateTime.now(ZoneOffset.UTC).plusDays(7).withNano(0).toString(),
                "Purpose", Map.of("Code", "AccountAggregation", "Description", "Onboarding system test")), "Risk", Map.of()))
                .post(AISP + "/account-access-consents").then().statusCode(201)
                .body("Data.PartnerName", equalTo(name)).extract().path("Data.ConsentId");
        String account = as(alice).get("/me/accounts").then().extract().jsonPath().getString("Data.Account[0].AccountId");
        as(alice).body(Map.of("AccountIds", List.of(account))).post("/me/consents/{c}/authorise", consent).then()
                .statusCode(200);
        as(token).header("x-consent-id", consent).get(AISP + "/accounts").then().statusCode(200);

        // A new secret: the old one is refused at once.
        String rotated = as(operator).post("/admin/partners/{p}/rotate-secret", id).then().statusCode(200)
                .extract().path("ClientSecret");
        assertNotEquals(secret, rotated);
        assertEquals(401, tokenStatus(id, secret));
        assertEquals(200, tokenStatus(id, rotated));

        // Suspended: no new tokens, and the token it still holds reads nothing: its consents are revoked.
        as(operator).post("/admin/partners/{p}/suspend", id).then().statusCode(200).body("Status", equalTo("Suspended"));
        assertNotEquals(200, tokenStatus(id, rotated));
        as(token).header("x-consent-id", consent).get(AISP + "/accounts").then().statusCode(403)
                .body("Errors[0].ErrorCode", equalTo("OB.Consent.Revoked"));
        as(alice).get("/me/consents/{c}/history", consent).then()
                .body("Data.History[2].Actor", equalTo("Operator"));

        // Reinstated: tokens again; the revoked consent stays revoked.
        as(operator).post("/admin/partners/{p}/reinstate", id).then().statusCode(200).body("Status", equalTo("Active"));
        String again = Tokens.clientCredentials(id, rotated);
        as(again).header("x-consent-id", consent).get(AISP + "/accounts").then().statusCode(403)
                .body("Errors[0].ErrorCode", equalTo("OB.Consent.Revoked"));
        as(operator).get("/admin/partners/{p}", id).then().statusCode(200).body("Name", equalTo(name))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("ClientSecret")));
    }

    @Test
    void onboardingGrantsOnlyThePartnerOrBankRoleWhateverTheRequestSays() {
        // Extra fields are allowed by the contract and ignored: none of them reaches the client Keycloak creates.
        for (String field : List.of("Role", "Roles", "RealmRoles", "ProtocolMappers")) {
            var created = as(operator).body(Map.of("Name", "Escalating " + field + " " + System.nanoTime(), "Contact",
                    "ops@escalate.example", "RedirectUris", List.of("https://escalate.example/cb"), field,
                    List.of("platform-admin", "svc-gateway", "customer")))
                    .post("/admin/partners").then().statusCode(201).extract().jsonPath();
            assertOnlyRole(Tokens.clientCredentials(created.getString("ClientId"), created.getString("ClientSecret")),
                    "partner");
        }
        String bankId = "bank-esc-" + Long.toString(System.nanoTime(), 36);
        String secret = as(operator).body(Map.of("BankId", bankId, "Name", "Escalating Bank", "Roles",
                List.of("platform-admin", "svc-offers"))).post("/admin/banks").then().statusCode(201).extract()
                .path("ClientSecret");
        assertOnlyRole(Tokens.clientCredentials(bankId, secret), "bank");
    }

    /** The realm roles of a client's token are exactly {@code role} (and Keycloak's defaults), never a platform role. */
    static void assertOnlyRole(String token, String role) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        List<String> roles = io.restassured.path.json.JsonPath.from(payload).getList("realm_access.roles");
        assertTrue(roles.contains(role), roles.toString());
        for (String other : List.of("partner", "bank", "customer", "platform-admin", "svc-gateway", "svc-consent",
                "svc-offers")) {
            if (!other.equals(role)) {
                assertFalse(roles.contains(other), "the " + role + "'s token also holds " + other + ": " + roles);
            }
        }
    }

    @Test
    void aBankIsOnboardedWithItsBankId() {
        String bankId = "bank-" + Long.toString(System.nanoTime(), 36);
        String secret = as(operator).body(Map.of("BankId", bankId, "Name", "Test Bank")).post("/admin/banks").then()
                .statusCode(201).body("ClientId", equalTo(bankId)).extract().path("ClientSecret");
        String token = Tokens.clientCredentials(bankId, secret);
        assertOnlyRole(token, "bank");
        as(token).get("/banks/offers").then().statusCode(200).body("Data.Offer", org.hamcrest.Matchers.hasSize(0));
        as(Tokens.partner()).get("/admin/partners").then().statusCode(403);
    }

    @Test
    void retriesWithAnIdempotencyKeyGetTheFirstResult() {
        // The operator's first answer was lost: the retry gets the same partner and a secret that works, not a 409.
        String key = "onboard-" + System.nanoTime();
        Map<String, Object> body = Map.of("Name", "Retry Pay " + key, "Contact", "ops@retrypay.example");
        var first = as(operator).header("x-idempotency-key", key).body(body).post("/admin/partners").then().statusCode(201)
                .extract().jsonPath();
        var again = as(operator).header("x-idempotency-key", key).body(body).post("/admin/partners").then().statusCode(201)
                .extract().jsonPath();
        assertEquals(first.getString("PartnerId"), again.getString("PartnerId"));
        assertEquals(200, tokenStatus(again.getString("ClientId"), again.getString("ClientSecret")));
        as(operator).header("x-idempotency-key", key).body(Map.of("Name", "Other Pay " + key, "Contact", "ops@x.example"))
                .post("/admin/partners").then().statusCode(400).body("Errors[0].Path", equalTo("x-idempotency-key"));

        // A bank's draft offer, retried: one offer.
        String bank = Tokens.bank("bank-beta");
        String offer = AuthorizationMatrixSystemTest.offerBody("Retry card " + key);
        String offerId = as(bank).header("x-idempotency-key", key).body(offer).post("/banks/offers").then().statusCode(201)
                .extract().path("OfferId");
        as(bank).header("x-idempotency-key", key).body(offer).post("/banks/offers").then().statusCode(201)
                .body("OfferId", equalTo(offerId));
        List<String> titles = as(bank).get("/banks/offers").then().statusCode(200).extract().path("Data.Offer.Title");
        assertEquals(1, titles.stream().filter(t -> t.equals("Retry card " + key)).count(), titles.toString());
    }
}
