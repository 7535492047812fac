package org.openbanking.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The story against the containerized system that {@code k8s/play up} started from the dev overlay on podman (not
 * against the launcher's processes): an operator onboards a bank, a user links it, the bank loads an account, a
 * partner asks for a consent, the
 * user authorises it, the partner reads what it allows (receipted), the user revokes and the partner is refused; the
 * dashboard sends a browser to Keycloak's login. Runs only in the {@code played} profile ({@code .ci/run} plays the
 * overlay, runs it, and stops it); the addresses are those k8s/play publishes, as with ./run.
 */
class PlayedStoryTest {

    static final String GATEWAY = System.getProperty("ob.played.gateway", "http://localhost:8080");
    static final String KEYCLOAK = System.getProperty("ob.played.keycloak", "http://localhost:8180");
    static final String REALM = KEYCLOAK + "/realms/openbanking";
    static final String AISP = "/open-banking/v3.1/aisp";

    @Test
    void aUserLinksABankAuthorisesAPartnerSeesTheAccessAndRevokesIt() {
        given().get(REALM + "/.well-known/openid-configuration").then().statusCode(200)
                .body("issuer", equalTo(REALM));
        String alice = token(Map.of("grant_type", "password", "client_id", "dev-cli", "username", "alice",
                "password", "alice"));
        String ops = token(Map.of("grant_type", "password", "client_id", "dev-cli", "username", "ops",
                "password", "ops"));
        String partner = token(Map.of("grant_type", "client_credentials", "client_id", "demo-messenger",
                "client_secret", "demo-messenger-secret"));

        // An operator onboards a bank (a Keycloak client made through the played Keycloak's admin API).
        String bankId = "played-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = onboardBank(ops, bankId);
        String bank = token(Map.of("grant_type", "client_credentials", "client_id", bankId, "client_secret", secret));

        // The user links the bank; the bank redeems the code and loads an account of its customer.
        String code = as(alice).body(Map.of("BankId", bankId)).post("/me/bank-links").then().statusCode(201)
                .extract().path("Data.LinkCode");
        String customerRef = as(bank).body(Map.of("LinkCode", code)).post("/banks/customer-links").then()
                .statusCode(201).extract().path("CustomerRef");
        String bankAccountId = "current-1";
        as(bank).body(Map.of("Currency", "EUR", "AccountType", "Personal", "AccountSubType", "CurrentAccount",
                "Nickname", "Played", "Iban", "DE89370400440532013000", "Balance",
                Map.of("Booked", Map.of("Amount", "1234.56", "Currency", "EUR"), "Available",
                        Map.of("Amount", "1200.00", "Currency", "EUR"))))
                .put("/banks/customers/{ref}/accounts/{id}", customerRef, bankAccountId).then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        List<String> accounts = as(alice).get("/me/accounts").then().statusCode(200)
                .extract().path("Data.Account.findAll { it.Nickname == 'Played' }.AccountId");
        String account = accounts.get(0);

        // The partner asks, the user authorises, the partner reads within the consent.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        String consent = as(partner).body(Map.of("Data", Map.of("Permissions",
                List.of("ReadAccountsDetail", "ReadBalances"), "ExpirationDateTime", now.plusDays(1).toString(),
                "Purpose", Map.of("Code", "PersonalFinanceManagement", "Description", "The played story")),
                "Risk", Map.of()))
                .post(AISP + "/account-access-consents").then().statusCode(201)
                .body("Data.Status", equalTo("AwaitingAuthorisation")).extract().path("Data.ConsentId");
        as(alice).body(Map.of("AccountIds", List.of(account))).post("/me/consents/{c}/authorise", consent).then()
                .statusCode(200).body("Data.Status", equalTo("Authorised"));
        as(partner).header("x-consent-id", consent).get(AISP + "/accounts").then().statusCode(200)
                .body("Data.Account.AccountId", hasItem(account));
        as(partner).header("x-consent-id", consent).get(AISP + "/accounts/{a}/balances", account).then()
                .statusCode(200).body("Data.Balance.Amount.Amount", hasItem("1234.56"));

        // The user sees both reads, revokes, and the partner is refused at once.
        as(alice).queryParam("consentId", consent).get("/me/access-log").then().statusCode(200)
                .body("Data.Receipt.size()", greaterThanOrEqualTo(2));
        as(alice).post("/me/consents/{c}/revoke", consent).then().statusCode(200);
        as(partner).header("x-consent-id", consent).get(AISP + "/accounts/{a}/balances", account).then()
                .statusCode(403).body("Errors[0].ErrorCode", equalTo("OB.Consent.Revoked"));
    }

    /** The curl demo that ./run prints, on the demo data k8s/play loaded through the bank API. */
    @Test
    void theDemoThatRunPrintsWorksOnThePlayedDemoData() {
        String alice = token(Map.of("grant_type", "password", "client_id", "dev-cli", "username", "alice",
                "password", "alice"));
        String partner = token(Map.of("grant_type", "client_credentials", "client_id", "demo-messenger",
                "client_secret", "demo-messenger-secret"));
        // The sandbox's accounts (the other test of this class adds one nicknamed Played, without transactions).
        List<String> accounts = as(alice).get("/me/accounts").then().statusCode(200).extract()
                .path("Data.Account.findAll { it.Nickname != 'Played' }.AccountId");
        org.hamcrest.MatcherAssert.assertThat("alice's sandbox accounts at bank-alpha and bank-beta", accounts.size(),
                greaterThanOrEqualTo(2));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        String consent = as(partner).body(Map.of("Data", Map.of("Permissions", List.of("ReadAccountsDetail",
                "ReadBalances", "ReadTransactionsDetail", "ReadTransactionsCredits", "ReadTransactionsDebits"),
                "ExpirationDateTime", now.plusDays(1).toString(),
                "Purpose", Map.of("Code", "PersonalFinanceManagement", "Description", "See all your spending")),
                "Risk", Map.of()))
                .post(AISP + "/account-access-consents").then().statusCode(201).extract().path("Data.ConsentId");
        as(alice).body(Map.of("AccountIds", List.of(accounts.get(0)))).post("/me/consents/{c}/authorise", consent)
                .then().statusCode(200);
        as(partner).header("x-consent-id", consent).get(AISP + "/accounts/{a}/transactions", accounts.get(0)).then()
                .statusCode(200).body("Data.Transaction.size()", greaterThanOrEqualTo(1));
        as(alice).post("/me/consents/{c}/revoke", consent).then().statusCode(200);
    }

    @Test
    void theDashboardSendsTheBrowserToKeycloaksLogin() {
        String login = given().redirects().follow(false).get(GATEWAY + "/").then().statusCode(302)
                .header("Location", startsWith(REALM + "/protocol/openid-connect/auth")).extract().header("Location");
        // Keycloak's login form, served by the played Keycloak with the demo realm's theme.
        // The Location is already encoded: sent as it is, not encoded again.
        given().urlEncodingEnabled(false).redirects().follow(false).get(login).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("name=\"username\""));
    }

    /**
     * The first admin call meets the played services' cold JVMs: a 503 (the hop's budget ran out; onboarding undid
     * itself) is tried again with the same idempotency key, as a client of the contract would.
     */
    private static String onboardBank(String ops, String bankId) {
        String key = UUID.randomUUID().toString();
        io.restassured.response.Response response = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            response = as(ops).header("x-idempotency-key", key).body(Map.of("BankId", bankId, "Name", "Played Bank"))
                    .post("/admin/banks");
            if (response.statusCode() != 503) {
                break;
            }
            sleep(Duration.ofSeconds(2));
        }
        return response.then().statusCode(201).extract().path("ClientSecret");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RequestSpecification as(String token) {
        return given().baseUri(GATEWAY).port(-1).auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static String token(Map<String, String> form) {
        return given().baseUri(REALM + "/protocol/openid-connect/token").port(-1).formParams(form).post().then()
                .statusCode(200).extract().path("access_token");
    }
}
