package org.openbanking.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.ParseException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.SignedJWT;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * OWASP API1 (object level), API3 (object property level) and API5 (function level) against the whole platform with
 * real Keycloak tokens: every public route × every role (and no token, and a service's own token), then every route
 * that names a resource with a resource of another party of the same kind (user, partner, bank). The answer is the
 * contract's status in the envelope, never data: the bodies are checked for the foreign resources' fields, and the
 * databases for changes.
 */
class AuthorizationMatrixSystemTest {

    static final String AISP = "/open-banking/v3.1/aisp";

    /** A public route: method, the path template of the OpenAPI document, and the only role it admits. */
    record Route(String method, String template, String role) {

        /** The path with a placeholder for every id; such ids exist nowhere. */
        String samplePath() {
            return template.replace("{ConsentId}", "aac-matrix-none").replace("{AccountId}", "acc-matrix-none")
                    .replace("{PartnerId}", "matrix-none")
                    .replace("{OfferId}", "off-matrix-none").replace("{CustomerRef}", "cref-matrix-none")
                    .replace("{BankId}", "bank-matrix-none");
        }
    }

    static final List<Route> ROUTES = List.of(
            new Route("POST", AISP + "/account-access-consents", "partner"),
            new Route("GET", AISP + "/account-access-consents/{ConsentId}", "partner"),
            new Route("DELETE", AISP + "/account-access-consents/{ConsentId}", "partner"),
            new Route("GET", AISP + "/accounts", "partner"),
            new Route("GET", AISP + "/accounts/{AccountId}", "partner"),
            new Route("GET", AISP + "/accounts/{AccountId}/balances", "partner"),
            new Route("GET", AISP + "/accounts/{AccountId}/transactions", "partner"),
            new Route("GET", AISP + "/offers", "partner"),
            new Route("POST", AISP + "/offers/{OfferId}/events", "partner"),
            new Route("GET", "/me/accounts", "customer"),
            new Route("GET", "/me/consents", "customer"),
            new Route("GET", "/me/consents/{ConsentId}", "customer"),
            new Route("GET", "/me/consents/{ConsentId}/history", "customer"),
            new Route("POST", "/me/consents/{ConsentId}/authorise", "customer"),
            new Route("POST", "/me/consents/{ConsentId}/reject", "customer"),
            new Route("POST", "/me/consents/{ConsentId}/revoke", "customer"),
            new Route("GET", "/me/access-log", "customer"),
            new Route("GET", "/me/blocked-partners", "customer"),
            new Route("PUT", "/me/blocked-partners/{PartnerId}", "customer"),
            new Route("DELETE", "/me/blocked-partners/{PartnerId}", "customer"),
            new Route("GET", "/me/bank-links", "customer"),
            new Route("POST", "/me/bank-links", "customer"),
            new Route("DELETE", "/me/bank-links/{BankId}", "customer"),
            new Route("POST", "/banks/offers", "bank"),
            new Route("GET", "/banks/offers", "bank"),
            new Route("PUT", "/banks/offers/{OfferId}", "bank"),
            new Route("GET", "/banks/offers/{OfferId}", "bank"),
            new Route("POST", "/banks/offers/{OfferId}/publish", "bank"),
            new Route("POST", "/banks/offers/{OfferId}/withdraw", "bank"),
            new Route("GET", "/banks/offers/{OfferId}/stats", "bank"),
            new Route("POST", "/banks/customer-links", "bank"),
            new Route("PUT", "/banks/customers/{CustomerRef}/accounts/{AccountId}", "bank"),
            new Route("POST", "/banks/customers/{CustomerRef}/accounts/{AccountId}/transactions", "bank"),
            new Route("POST", "/admin/partners", "platform-admin"),
            new Route("GET", "/admin/partners", "platform-admin"),
            new Route("GET", "/admin/partners/{PartnerId}", "platform-admin"),
            new Route("POST", "/admin/partners/{PartnerId}/rotate-secret", "platform-admin"),
            new Route("POST", "/admin/partners/{PartnerId}/suspend", "platform-admin"),
            new Route("POST", "/admin/partners/{PartnerId}/reinstate", "platform-admin"),
            new Route("POST", "/admin/banks", "platform-admin"));

    static final String NONCE = Long.toString(System.nanoTime(), 36);
    static final AtomicInteger CALLS = new AtomicInteger();

    static String partnerA; // demo-messenger
    static String partnerB; // onboarded here
    static String partnerBId;
    static String alice;
    static String bob;
    static String aliceSub;
    static String bankAlpha;
    static String bankBeta;
    static String operator;
    static String service; // the gateway's own service account: no public role
    static List<String> aliceAccounts;
    static List<String> bobAccounts;
    static Map<String, String> ibans = new LinkedHashMap<>();
    static String consentA; // demo-messenger's, alice authorised aliceAccounts[0]
    static String consentB; // partner B's, bob authorised bobAccounts[0]
    static String consentBob; // demo-messenger's request that bob rejected: bound to bob
    static String consentPending; // demo-messenger's request that no user has decided
    static String draftOffer; // bank-alpha's
    static String publishedOffer; // bank-alpha's
    static String placementA; // demo-messenger's placement of publishedOffer under consentA
    static String loadedUser;
    static String loadedAccount; // bank-alpha's own id of an account it loaded for loadedUser
    static String purposeA;

    @BeforeAll
    static void partiesAndTheirResources() throws ParseException {
        SystemStack.start();
        operator = Tokens.user("ops");
        partnerA = Tokens.partner();
        var onboarded = as(operator).body(Map.of("Name", "Matrix partner " + NONCE, "Contact", "matrix@partner.example"))
                .post("/admin/partners").then().statusCode(201).extract().jsonPath();
        partnerBId = onboarded.getString("PartnerId");
        partnerB = Tokens.clientCredentials(partnerBId, onboarded.getString("ClientSecret"));
        alice = Tokens.user("alice");
        bob = Tokens.user("bob");
        aliceSub = SignedJWT.parse(alice).getJWTClaimsSet().getSubject();
        bankAlpha = Tokens.bank("bank-alpha");
        bankBeta = Tokens.bank("bank-beta");
        service = Tokens.clientCredentials("gateway", "gateway-secret");

        var aliceView = as(alice).get("/me/accounts").then().statusCode(200).extract().jsonPath();
        aliceAccounts = aliceView.getList("Data.Account.AccountId");
        var bobView = as(bob).get("/me/accounts").then().statusCode(200).extract().jsonPath();
        bobAccounts = bobView.getList("Data.Account.AccountId");
        for (var view : List.of(aliceView, bobView)) {
            List<String> ids = view.getList("Data.Account.AccountId");
            for (int i = 0; i < ids.size(); i++) {
                ibans.put(ids.get(i), view.getString("Data.Account[" + i + "].Account[0].Identification"));
            }
        }

        purposeA = "Matrix purpose " + NONCE;
        consentA = requestConsent(partnerA, purposeA);
        authorise(alice, consentA, aliceAccounts.get(0));
        consentB = requestConsent(partnerB, "Matrix purpose of B " + NONCE);
        authorise(bob, consentB, bobAccounts.get(0));
        consentBob = requestConsent(partnerA, "Matrix rejected by bob " + NONCE);
        as(bob).post("/me/consents/{c}/reject", consentBob).then().statusCode(200);
        consentPending = requestConsent(partnerA, "Matrix pending " + NONCE);

        draftOffer = createOffer(bankAlpha, "Matrix draft " + NONCE);
        publishedOffer = createOffer(bankAlpha, "Matrix card " + NONCE);
        as(bankAlpha).post("/banks/offers/{o}/publish", publishedOffer).then().statusCode(200);
        placementA = as(partnerA).header("x-consent-id", consentA).header("x-fapi-customer-ip-address", "198.51.100.7")
                .get(AISP + "/offers").then().statusCode(200).extract().jsonPath()
                .getString("Data.Offer.find { it.Title == 'Matrix card " + NONCE + "' }.OfferId");
        assertTrue(placementA != null, "the published offer is placed for alice");

        loadedUser = Setup.customerRef("http://localhost:" + SystemStack.GATEWAY, SystemStack.ACCOUNTS, "bank-alpha",
                "matrix-customer-" + NONCE);
        loadedAccount = "MX-" + NONCE;
        as(bankAlpha).body(Map.of("Currency", "EUR", "AccountType", "Personal", "AccountSubType", "CurrentAccount",
                "Nickname", "Matrix nick " + NONCE, "Iban", "GB82WEST12345698765432",
                "Balance", Map.of("Booked", Map.of("Amount", "10.00", "Currency", "EUR"),
                        "Available", Map.of("Amount", "10.00", "Currency", "EUR"))))
                .put("/banks/customers/{u}/accounts/{a}", loadedUser, loadedAccount).then().statusCode(201);
        as(bankAlpha).body(transactions("mx-tx-1")).post("/banks/customers/{u}/accounts/{a}/transactions", loadedUser,
                loadedAccount).then().statusCode(200).body("Loaded", equalTo(1));
    }

    @AfterAll
    static void report() {
        System.out.println("[authorization] " + CALLS.get() + " calls: " + ROUTES.size() + " routes × 6 callers, and every"
                + " route that names a resource with another party's; " + ContractValidation.checked()
                + " responses checked against the contract so far");
    }

    // ---- API5: function level. Every route × every caller.

    @Test
    void everyRouteAdmitsOnlyItsOwnRoleAndChangesNothingForTheOthers() {
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("partner", partnerA);
        callers.put("customer", alice);
        callers.put("bank", bankAlpha);
        callers.put("platform-admin", operator);
        callers.put("service", service);
        Map<String, String> before = PlatformState.snapshot();
        for (Route route : ROUTES) {
            Response anonymous = call(null, route.method(), route.samplePath());
            assertEquals(401, anonymous.statusCode(), route + " without a token");
            anonymous.then().header("WWW-Authenticate", startsWith("Bearer"))
                    .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Header.Missing"));
            assertOnlyEnvelope(route + " without a token", anonymous);
            callers.forEach((role, token) -> {
                if (!role.equals(route.role())) {
                    Response refused = call(token, route.method(), route.samplePath());
                    assertEquals(403, refused.statusCode(), route + " as " + role);
                    refused.then().body("Errors[0].ErrorCode", equalTo("UK.OBIE.Header.Invalid"));
                    assertOnlyEnvelope(route + " as " + role, refused);
                }
            });
        }
        assertEquals(Map.of(), PlatformState.changes(before, PlatformState.snapshot()),
                "calls refused for their role changed something");
        // The route's own role gets past the role check (to an answer about the non-existent resource).
        for (Route route : ROUTES) {
            Response own = call(callers.get(route.role()), route.method(), route.samplePath());
            assertFalse(own.statusCode() == 401
                    || (own.statusCode() == 403 && "UK.OBIE.Header.Invalid".equals(own.path("Errors[0].ErrorCode"))),
                    route + " refused its own role: " + own.statusCode() + " " + own.asString());
        }
    }

    @Test
    void nothingReachesTheOperatorApiThroughAnotherSpellingOrMethod() {
        List<String> spellings = List.of("/admin/partners/", "/admin//partners", "//admin/partners", "/admin/./partners",
                "/me/../admin/partners", "/admin/%70artners", "/admin;x=1/partners", "/ADMIN/partners", "/admin/partners;",
                "/admin/partners%2F", "/admin/partners?x=/me/accounts", "/me/%2e%2e/admin/partners");
        for (String token : new String[]{null, partnerA, alice, bankAlpha, service}) {
            for (String path : spellings) {
                RequestSpecification spec = given().urlEncodingEnabled(false).accept(ContentType.JSON);
                Response response = (token == null ? spec : spec.auth().oauth2(token)).get(path);
                CALLS.incrementAndGet();
                int status = response.statusCode();
                assertTrue(status >= 400 && status < 500, path + " → " + status);
                assertFalse(response.asString().contains(partnerBId), path + " revealed a partner");
            }
            for (String override : List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override")) {
                Response response = call(token, "GET", "/admin/partners", override, "POST");
                assertTrue(response.statusCode() == 401 || response.statusCode() == 403, override + " → "
                        + response.statusCode());
            }
        }
        // An override header does not turn a read into a change.
        Response read = call(alice, "GET", "/me/consents/" + consentA, "X-HTTP-Method-Override", "DELETE");
        assertEquals(200, read.statusCode());
        as(alice).get("/me/consents/{c}", consentA).then().body("Data.Status", equalTo("Authorised"));
    }

    // ---- API1: object level. Another party's resource, through every route that names one.

    @Test
    void aPartnerReachesNothingOfAnotherPartnersConsentsOrPlacements() {
        // Both directions: B tries A's consent and placement, A tries B's consent.
        crossPartner(partnerB, consentA, aliceAccounts.get(0), placementA,
                List.of(aliceSub, purposeA, ibans.get(aliceAccounts.get(0)), "Matrix card " + NONCE));
        crossPartner(partnerA, consentB, bobAccounts.get(0), null,
                List.of("Matrix purpose of B", ibans.get(bobAccounts.get(0))));
        assertEquals(1, PlatformState.count("offers", "select count(*) from placement where id = ? and shown_at is null",
                placementA), "another partner's event was recorded");
    }

    private static void crossPartner(String actor, String consent, String account, String placement, List<String> leaks) {
        long receipts = PlatformState.count("consent", "select count(*) from access_receipt where consent_id = ?", consent);
        expect(404, "UK.OBIE.Resource.NotFound", leaks, as(actor).get(AISP + "/account-access-consents/{c}", consent));
        expect(404, "UK.OBIE.Resource.NotFound", leaks, as(actor).delete(AISP + "/account-access-consents/{c}", consent));
        for (String path : List.of("/accounts", "/accounts/" + account, "/accounts/" + account + "/balances",
                "/accounts/" + account + "/transactions", "/offers")) {
            for (boolean present : new boolean[]{false, true}) {
                RequestSpecification spec = as(actor).header("x-consent-id", consent);
                if (present) {
                    spec = spec.header("x-fapi-customer-ip-address", "198.51.100.9");
                }
                expect(403, "UK.OBIE.Resource.ConsentMismatch", leaks, spec.get(AISP + path));
            }
        }
        if (placement != null) {
            expect(404, "UK.OBIE.Resource.NotFound", leaks,
                    as(actor).body(Map.of("Type", "Clicked")).post(AISP + "/offers/{p}/events", placement));
        }
        assertEquals(receipts, PlatformState.count("consent", "select count(*) from access_receipt where consent_id = ?",
                consent), "a refused call left a receipt");
        assertEquals(1, PlatformState.count("consent", "select count(*) from consent where id = ? and status = 'Authorised'",
                consent), "another partner changed the consent");
    }

    @Test
    void aConsentReachesOnlyTheAccountsItsUserChose() {
        String notChosen = aliceAccounts.get(1);
        String bobs = bobAccounts.get(0);
        for (String account : List.of(notChosen, bobs)) {
            List<String> leaks = List.of(ibans.get(account));
            for (String suffix : List.of("", "/balances", "/transactions")) {
                expect(403, "UK.OBIE.Resource.ConsentMismatch", leaks, as(partnerA).header("x-consent-id", consentA)
                        .header("x-fapi-customer-ip-address", "198.51.100.7").get(AISP + "/accounts/" + account + suffix));
            }
        }
        // The consent's own list holds the chosen account only.
        Response list = as(partnerA).header("x-consent-id", consentA).header("x-fapi-customer-ip-address", "198.51.100.7")
                .get(AISP + "/accounts");
        assertEquals(List.of(aliceAccounts.get(0)), list.jsonPath().getList("Data.Account.AccountId"));
        for (String other : List.of(notChosen, bobs, aliceSub, "BankId")) {
            assertFalse(list.asString().contains(other), "the partner's account list contains " + other);
        }
    }

    @Test
    void aUserReachesNothingOfAnotherUsersConsentsAccountsOrBlocks() {
        List<String> leaksOfAlice = List.of(purposeA, ibans.get(aliceAccounts.get(0)), aliceAccounts.get(0));
        // Bob on alice's consent, alice on the consent bob rejected: every route that names a consent.
        for (String[] pair : new String[][]{{bob, consentA}, {alice, consentBob}}) {
            String actor = pair[0];
            String consent = pair[1];
            List<String> leaks = consent.equals(consentA) ? leaksOfAlice : List.of("Matrix rejected by bob");
            expect(404, "UK.OBIE.Resource.NotFound", leaks, as(actor).get("/me/consents/{c}", consent));
            expect(404, "UK.OBIE.Resource.NotFound", leaks, as(actor).get("/me/consents/{c}/history", consent));
            expect(404, "UK.OBIE.Resource.NotFound", leaks, as(actor)
                    .body(Map.of("AccountIds", actor.equals(bob) ? bobAccounts : aliceAccounts))
                    .post("/me/consents/{c}/authorise", consent));
            expect(404, "UK.OBIE.Resource.NotFound", leaks, as(actor).post("/me/consents/{c}/reject", consent));
            expect(404, "UK.OBIE.Resource.NotFound", leaks, as(actor).post("/me/consents/{c}/revoke", consent));
        }
        as(alice).get("/me/consents/{c}", consentA).then().statusCode(200).body("Data.Status", equalTo("Authorised"));
        assertEquals(1, PlatformState.count("consent", "select count(*) from consent where id = ? and status = 'Rejected'",
                consentBob));

        // Bob's own lists hold nothing of alice's.
        for (String path : List.of("/me/consents", "/me/accounts", "/me/access-log", "/me/blocked-partners",
                "/me/consents?status=Authorised")) {
            String body = as(bob).get(path).then().statusCode(200).extract().asString();
            for (String leak : List.of(consentA, aliceAccounts.get(0), aliceAccounts.get(1), purposeA)) {
                assertFalse(body.contains(leak), path + " of bob contains " + leak);
            }
        }
        Response log = as(bob).get("/me/access-log?consentId={c}", consentA);
        assertTrue(log.statusCode() == 200 || log.statusCode() == 404, "bob's log of alice's consent: " + log.statusCode());
        assertFalse(log.asString().contains(aliceAccounts.get(0)), "bob sees alice's receipts");
        if (log.statusCode() == 200) {
            assertEquals(List.of(), log.jsonPath().getList("Data.Receipt"), "bob sees alice's receipts");
        }

        // A request no user has decided: bob cannot bind it to alice's accounts.
        expect(400, null, List.of(ibans.get(aliceAccounts.get(0))),
                as(bob).body(Map.of("AccountIds", List.of(aliceAccounts.get(0)))).post("/me/consents/{c}/authorise",
                        consentPending));
        assertEquals(1, PlatformState.count("consent", "select count(*) from consent where id = ? and user_id is null"
                + " and status = 'AwaitingAuthorisation'", consentPending), "bob's attempt changed the request");

        // A block is the blocking user's own: alice's consent with the partner lives on.
        as(bob).put("/me/blocked-partners/{p}", "demo-messenger").then().statusCode(204);
        try {
            as(alice).get("/me/consents/{c}", consentA).then().body("Data.Status", equalTo("Authorised"));
            assertFalse(as(alice).get("/me/blocked-partners").asString().contains("demo-messenger"),
                    "alice sees bob's block");
        } finally {
            as(bob).delete("/me/blocked-partners/{p}", "demo-messenger").then().statusCode(204);
        }
    }

    @Test
    void aBankReachesNothingOfAnotherBanksOffersOrCustomers() {
        List<String> leaks = List.of("Matrix draft " + NONCE, "Matrix card " + NONCE);
        String replacement = offerBody("Beta's takeover " + NONCE);
        for (String offer : List.of(draftOffer, publishedOffer)) {
            expect(404, "UK.OBIE.Resource.NotFound", leaks, as(bankBeta).get("/banks/offers/{o}", offer));
            expect(404, "UK.OBIE.Resource.NotFound", leaks, as(bankBeta).get("/banks/offers/{o}/stats", offer));
            expect(404, "UK.OBIE.Resource.NotFound", leaks, as(bankBeta).body(replacement).put("/banks/offers/{o}", offer));
            expect(404, "UK.OBIE.Resource.NotFound", leaks, as(bankBeta).post("/banks/offers/{o}/publish", offer));
            expect(404, "UK.OBIE.Resource.NotFound", leaks, as(bankBeta).post("/banks/offers/{o}/withdraw", offer));
        }
        as(bankAlpha).get("/banks/offers/{o}", draftOffer).then().statusCode(200).body("Status", equalTo("Draft"))
                .body("Title", equalTo("Matrix draft " + NONCE));
        as(bankAlpha).get("/banks/offers/{o}", publishedOffer).then().statusCode(200).body("Status", equalTo("Published"));
        String betasList = as(bankBeta).get("/banks/offers").then().statusCode(200).extract().asString();
        for (String leak : List.of(draftOffer, publishedOffer, "Matrix draft", "bank-alpha")) {
            assertFalse(betasList.contains(leak), "bank-beta's list contains " + leak);
        }
        // And the other way round: bank-alpha cannot touch bank-beta's (demo) offers.
        List<String> betas = io.restassured.path.json.JsonPath.from(betasList).getList("Data.Offer.OfferId");
        assertFalse(betas.isEmpty(), "bank-beta has offers of its own");
        for (String offer : betas) {
            expect(404, "UK.OBIE.Resource.NotFound", List.of(), as(bankAlpha).get("/banks/offers/{o}", offer));
            expect(404, "UK.OBIE.Resource.NotFound", List.of(), as(bankAlpha).post("/banks/offers/{o}/withdraw", offer));
        }

        // Another bank's account: its transactions cannot be loaded; a bank's account ids are its own namespace.
        long stored = PlatformState.count("accounts", "select count(*) from bank_transaction t join account a on"
                + " a.id = t.account_id where a.bank_id = 'bank-alpha' and a.bank_account_id = ?", loadedAccount);
        expect(404, "UK.OBIE.Resource.NotFound", List.of("Matrix nick"), as(bankBeta).body(transactions("beta-tx-1"))
                .post("/banks/customers/{u}/accounts/{a}/transactions", loadedUser, loadedAccount));
        assertEquals(stored, PlatformState.count("accounts", "select count(*) from bank_transaction t join account a on"
                + " a.id = t.account_id where a.bank_id = 'bank-alpha' and a.bank_account_id = ?", loadedAccount));
        Map<String, Object> betasAccount = Map.of("Currency", "EUR", "AccountType", "Personal", "AccountSubType",
                "Savings", "Nickname", "Beta's own", "Iban", "GB33BUKB20201555555555",
                "Balance", Map.of("Booked", Map.of("Amount", "1.00", "Currency", "EUR"),
                        "Available", Map.of("Amount", "1.00", "Currency", "EUR")));
        // bank-alpha's CustomerRef names no one for bank-beta.
        Map<String, String> untouched = PlatformState.snapshot();
        expect(404, "UK.OBIE.Resource.NotFound", List.of("Matrix nick"), as(bankBeta).body(betasAccount)
                .put("/banks/customers/{u}/accounts/{a}", loadedUser, loadedAccount));
        assertEquals(Map.of(), PlatformState.changes(untouched, PlatformState.snapshot()),
                "another bank's ref changed something");
        // The same customer linked to bank-beta too: bank-beta's own ref, and its own namespace of account ids.
        String betasRef = Setup.customerRef("http://localhost:" + SystemStack.GATEWAY, SystemStack.ACCOUNTS, "bank-beta",
                "matrix-customer-" + NONCE);
        Map<String, String> before = PlatformState.snapshot();
        String alphaRow = before.get("accounts.account");
        Response betaLoad = as(bankBeta).body(betasAccount).put("/banks/customers/{u}/accounts/{a}", betasRef, loadedAccount);
        CALLS.incrementAndGet();
        assertEquals(201, betaLoad.statusCode(), "bank-beta's load is an account of its own: " + betaLoad.asString());
        assertFalse(betaLoad.asString().contains("Matrix nick"), "bank-beta learnt bank-alpha's account");
        assertNotEquals(alphaRow, PlatformState.snapshot().get("accounts.account"), "bank-beta's account was stored");
        assertEquals(1, PlatformState.count("accounts", "select count(*) from account where bank_id = 'bank-alpha'"
                + " and bank_account_id = ? and nickname = ? and iban = 'GB82WEST12345698765432'", loadedAccount,
                "Matrix nick " + NONCE), "bank-alpha's account was changed by bank-beta");
    }

    // ---- API3: object property level. Fields a caller may not set are ignored; fields it may not see are absent.

    @Test
    void callersCannotSetPropertiesThatAreNotTheirsNorSeeOnesThatAreNotForThem() {
        String expires = OffsetDateTime.now(ZoneOffset.UTC).plusDays(5).withNano(0).toString();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Permissions", List.of("ReadAccountsBasic"));
        data.put("ExpirationDateTime", expires);
        data.put("Purpose", Map.of("Code", "AccountAggregation", "Description", "Mass assignment " + NONCE));
        data.put("PartnerId", "demo-messenger");
        data.put("PartnerName", "Demo Messenger");
        data.put("Status", "Authorised");
        data.put("ConsentId", "aac-chosen-" + NONCE);
        data.put("AccountIds", List.of(aliceAccounts.get(0)));
        data.put("CreationDateTime", "2020-01-01T00:00:00Z");
        var created = as(partnerB).body(Map.of("Data", data, "Risk", Map.of())).post(AISP + "/account-access-consents")
                .then().statusCode(201).body("Data.PartnerId", equalTo(partnerBId))
                .body("Data.Status", equalTo("AwaitingAuthorisation"))
                .body("Data.ProhibitedUses", equalTo(List.of("Advertising", "Profiling", "Resale")))
                .extract().jsonPath();
        CALLS.incrementAndGet();
        assertNotEquals("aac-chosen-" + NONCE, created.getString("Data.ConsentId"));
        assertNull(created.get("Data.AccountIds"), "the partner chose the accounts");
        assertNotEquals("2020-01-01T00:00:00Z", created.getString("Data.CreationDateTime"));
        as(partnerB).delete(AISP + "/account-access-consents/{c}", created.getString("Data.ConsentId")).then()
                .statusCode(204);

        Map<String, Object> offer = new LinkedHashMap<>(io.restassured.path.json.JsonPath.from(offerBody("Mass " + NONCE))
                .getMap("$"));
        offer.put("BankId", "bank-alpha");
        offer.put("Status", "Published");
        offer.put("OfferId", "off-chosen-" + NONCE);
        String betaOffer = as(bankBeta).body(offer).post("/banks/offers").then().statusCode(201)
                .body("Status", equalTo("Draft")).body("BankId", equalTo("bank-beta")).extract().path("OfferId");
        CALLS.incrementAndGet();
        assertNotEquals("off-chosen-" + NONCE, betaOffer);
        expect(404, "UK.OBIE.Resource.NotFound", List.of(), as(bankAlpha).get("/banks/offers/{o}", betaOffer));
        as(bankBeta).post("/banks/offers/{o}/withdraw", betaOffer).then().statusCode(200);

        var partner = as(operator).body(Map.of("Name", "Mass assigned " + NONCE, "Contact", "x@mass.example",
                "PartnerId", "chosen-" + NONCE, "ClientId", "chosen-" + NONCE, "ClientSecret", "chosen-secret",
                "Status", "Suspended")).post("/admin/partners").then().statusCode(201).body("Status", equalTo("Active"))
                .extract().jsonPath();
        CALLS.incrementAndGet();
        assertNotEquals("chosen-" + NONCE, partner.getString("PartnerId"));
        assertNotEquals("chosen-secret", partner.getString("ClientSecret"));

        // What a party may not see: the user behind a consent, the bank behind an account, secrets, user counts.
        String partnersView = as(partnerA).get(AISP + "/account-access-consents/{c}", consentA).then().statusCode(200)
                .extract().asString();
        assertFalse(partnersView.contains(aliceSub), "the partner learns the user's id");
        String partners = as(operator).get("/admin/partners").then().statusCode(200).extract().asString();
        assertFalse(partners.contains("ClientSecret"), "the partner list shows secrets");
        as(operator).get("/admin/partners/{p}", partnerBId).then().statusCode(200)
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("ClientSecret")));
        String stats = as(bankAlpha).get("/banks/offers/{o}/stats", publishedOffer).then().statusCode(200).extract()
                .asString();
        assertFalse(stats.contains(aliceSub) || stats.contains(consentA) || stats.contains("demo-messenger"),
                "stats name who saw the offer: " + stats);
    }

    // ---- helpers

    static RequestSpecification as(String token) {
        CALLS.incrementAndGet();
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private static Response call(String token, String method, String path, String... header) {
        CALLS.incrementAndGet();
        RequestSpecification spec = given().contentType(ContentType.JSON).accept(ContentType.JSON).body("{}")
                .header("x-consent-id", "aac-matrix-none");
        if (header.length == 2) {
            spec = spec.header(header[0], header[1]);
        }
        return (token == null ? spec : spec.auth().oauth2(token)).request(method, path);
    }

    /** The status and error code, the envelope and nothing else, none of the foreign resource's fields. */
    private static void expect(int status, String errorCode, List<String> leaks, Response response) {
        assertEquals(status, response.statusCode(), response.asString());
        if (errorCode != null) {
            assertEquals(errorCode, response.path("Errors[0].ErrorCode"), response.asString());
        }
        assertOnlyEnvelope("a refused call", response);
        for (String leak : leaks) {
            assertFalse(leak != null && response.asString().contains(leak), "the answer reveals " + leak);
        }
    }

    private static void assertOnlyEnvelope(String what, Response response) {
        Map<String, Object> body = response.jsonPath().getMap("$");
        assertEquals(Set.of("Code", "Id", "Message", "Errors"), body.keySet(), what + ": " + response.asString());
        ContractValidation.assertEnvelope(what, response, response.header("x-fapi-interaction-id"));
    }

    private static String requestConsent(String partner, String description) {
        return as(partner).body(Map.of("Data", Map.of("Permissions", List.of("ReadAccountsDetail", "ReadBalances",
                "ReadTransactionsDetail", "ReadTransactionsCredits", "ReadTransactionsDebits", "ReadOffers"),
                "ExpirationDateTime", OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).withNano(0).toString(),
                "Purpose", Map.of("Code", "OfferPlacement", "Description", description), "FrequencyPerDay", 100),
                "Risk", Map.of())).post(AISP + "/account-access-consents").then().statusCode(201).extract()
                .path("Data.ConsentId");
    }

    private static void authorise(String user, String consent, String account) {
        as(user).body(Map.of("AccountIds", List.of(account))).post("/me/consents/{c}/authorise", consent).then()
                .statusCode(200).body("Data.Status", equalTo("Authorised"));
    }

    static String offerBody(String title) {
        return "{\"Title\":\"" + title + "\",\"Description\":\"A matrix test offer\",\"ProductType\":\"Savings\","
                + "\"Rate\":\"2.5\",\"Fees\":\"None\",\"Url\":\"https://bank.example/offer\",\"StartDateTime\":\""
                + OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).withNano(0) + "\",\"EndDateTime\":\""
                + OffsetDateTime.now(ZoneOffset.UTC).plusDays(20).withNano(0) + "\"}";
    }

    private static String createOffer(String bank, String title) {
        return as(bank).body(offerBody(title)).post("/banks/offers").then().statusCode(201).extract().path("OfferId");
    }

    private static Map<String, Object> transactions(String id) {
        return Map.of("Transaction", List.of(Map.of("TransactionId", id, "BookingDateTime",
                OffsetDateTime.now(ZoneOffset.UTC).minusDays(2).withNano(0).toString(), "Amount",
                Map.of("Amount", "3.50", "Currency", "EUR"), "CreditDebitIndicator", "Debit", "Status", "Booked")));
    }
}
