package org.openbanking.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Every public route × every role: no token → 401, another role → 403 in the envelope, the route's own role gets
 * through to the service (whatever the service then answers). The identity the service receives is the token's.
 */
@QuarkusTest
class RoleMatrixTest {

    static final List<String[]> ROUTES = List.of(
            new String[]{"POST", "/open-banking/v3.1/aisp/account-access-consents", "partner"},
            new String[]{"GET", "/open-banking/v3.1/aisp/account-access-consents/aac-1", "partner"},
            new String[]{"DELETE", "/open-banking/v3.1/aisp/account-access-consents/aac-1", "partner"},
            new String[]{"GET", "/open-banking/v3.1/aisp/accounts", "partner"},
            new String[]{"GET", "/open-banking/v3.1/aisp/accounts/acc-1", "partner"},
            new String[]{"GET", "/open-banking/v3.1/aisp/accounts/acc-1/balances", "partner"},
            new String[]{"GET", "/open-banking/v3.1/aisp/accounts/acc-1/transactions", "partner"},
            new String[]{"GET", "/open-banking/v3.1/aisp/offers", "partner"},
            new String[]{"POST", "/open-banking/v3.1/aisp/offers/plc-1/events", "partner"},
            new String[]{"GET", "/me/accounts", "customer"},
            new String[]{"GET", "/me/consents", "customer"},
            new String[]{"GET", "/me/consents/aac-1", "customer"},
            new String[]{"GET", "/me/consents/aac-1/history", "customer"},
            new String[]{"POST", "/me/consents/aac-1/authorise", "customer"},
            new String[]{"POST", "/me/consents/aac-1/reject", "customer"},
            new String[]{"POST", "/me/consents/aac-1/revoke", "customer"},
            new String[]{"GET", "/me/access-log", "customer"},
            new String[]{"GET", "/me/blocked-partners", "customer"},
            new String[]{"PUT", "/me/blocked-partners/p9", "customer"},
            new String[]{"DELETE", "/me/blocked-partners/p9", "customer"},
            new String[]{"GET", "/me/bank-links", "customer"},
            new String[]{"POST", "/me/bank-links", "customer"},
            new String[]{"DELETE", "/me/bank-links/bank-x", "customer"},
            new String[]{"POST", "/banks/offers", "bank"},
            new String[]{"PUT", "/banks/offers/off-1", "bank"},
            new String[]{"POST", "/banks/offers/off-1/publish", "bank"},
            new String[]{"POST", "/banks/offers/off-1/withdraw", "bank"},
            new String[]{"GET", "/banks/offers", "bank"},
            new String[]{"GET", "/banks/offers/off-1", "bank"},
            new String[]{"GET", "/banks/offers/off-1/stats", "bank"},
            new String[]{"POST", "/banks/customer-links", "bank"},
            new String[]{"PUT", "/banks/customers/cref-1/accounts/a1", "bank"},
            new String[]{"POST", "/banks/customers/cref-1/accounts/a1/transactions", "bank"},
            new String[]{"POST", "/admin/partners", "platform-admin"},
            new String[]{"GET", "/admin/partners", "platform-admin"},
            new String[]{"GET", "/admin/partners/x", "platform-admin"},
            new String[]{"POST", "/admin/partners/x/rotate-secret", "platform-admin"},
            new String[]{"POST", "/admin/partners/x/suspend", "platform-admin"},
            new String[]{"POST", "/admin/partners/x/reinstate", "platform-admin"},
            new String[]{"POST", "/admin/banks", "platform-admin"});

    static final Map<String, String> TOKENS = Map.of(
            "partner", Tokens.partner("matrix-partner"),
            "customer", Tokens.customer("matrix-user"),
            "bank", Tokens.bank("matrix-bank"),
            "platform-admin", Tokens.operator());

    static Stream<Arguments> routes() {
        return ROUTES.stream().map(r -> Arguments.of(r[0], r[1], r[2]));
    }

    @BeforeEach
    void servicesAnswerAnything() {
        Services.reset();
        for (var service : List.of(Services.consent, Services.accounts, Services.offers)) {
            service.stubFor(any(anyUrl()).willReturn(okJson("{\"Data\":{}}")));
        }
        Services.consent.stubFor(post(urlPathMatching("/internal/partners/[^/]+/access-decisions"))
                .willReturn(okJson(PartnerDataTest.PERMIT)));
        Services.consent.stubFor(post(urlPathMatching("/internal/receipts"))
                .willReturn(okJson("{\"Data\":{\"ReceiptId\":[]}}").withStatus(201)));
    }

    private static RequestSpecification call(String token) {
        RequestSpecification spec = given().contentType("application/json").body("{}").header("x-consent-id", "aac-1");
        return token == null ? spec : spec.auth().oauth2(token);
    }

    @ParameterizedTest(name = "{0} {1} is for {2}")
    @MethodSource("routes")
    void onlyTheRoutesRoleGetsThrough(String method, String path, String role) {
        call(null).request(method, path).then().statusCode(401).body("Errors[0].ErrorCode", equalTo("UK.OBIE.Header.Missing"));
        TOKENS.forEach((tokenRole, token) -> {
            if (!tokenRole.equals(role)) {
                call(token).request(method, path).then().statusCode(403)
                        .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Header.Invalid"));
            }
        });
        int status = call(TOKENS.get(role)).request(method, path).statusCode();
        assertTrue(status != 401 && status != 403, method + " " + path + " refused its own role: " + status);
    }

    @ParameterizedTest(name = "{0} {1} names the caller from its token")
    @MethodSource("routes")
    void theServiceIsToldTheTokensIdentity(String method, String path, String role) {
        // A partner of its own per route here, so that the per-partner rate limit stays out of the way.
        String partner = "mx-" + Integer.toHexString((method + path).hashCode());
        call(role.equals("partner") ? Tokens.partner(partner) : TOKENS.get(role)).request(method, path);
        String expected = switch (role) {
            case "partner" -> "/internal/partners/" + partner + "/";
            case "customer" -> "/internal/users/matrix-user/";
            case "bank" -> "/internal/banks/matrix-bank";
            default -> null;
        };
        if (expected == null) {
            return; // operator calls act on the partner or bank they name
        }
        boolean named = Stream.of(Services.consent, Services.accounts, Services.offers)
                .flatMap(s -> s.getAllServeEvents().stream())
                .map(e -> e.getRequest().getUrl())
                .anyMatch(url -> url.startsWith(expected));
        assertTrue(named, method + " " + path + " did not reach a service under " + expected);
    }
}
