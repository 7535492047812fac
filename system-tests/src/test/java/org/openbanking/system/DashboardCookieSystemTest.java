package org.openbanking.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.options.Cookie;

import io.restassured.http.ContentType;

/**
 * A dashboard session authenticates the dashboard's own pages and forms and nothing else: the session cookies of a
 * real Keycloak login (alice, a customer; ops, an operator), replayed on every route of the JSON API without an
 * Authorization header, get 401 and change nothing.
 */
class DashboardCookieSystemTest {

    @BeforeAll
    static void startThePlatformAndTheBrowser() {
        Browsers.chromium();
        SystemStack.start();
        DashboardBrowserTest.partner = Tokens.partner();
    }

    /** The Cookie header a browser logged in as this user sends to the gateway. */
    private static String sessionOf(String user) {
        try (BrowserContext context = Browsers.phone()) {
            Browsers.login(context, user, "/", null);
            List<Cookie> cookies = context.cookies(Browsers.GATEWAY);
            assertFalse(cookies.stream().noneMatch(c -> c.name.startsWith("q_session")), "a session cookie: " + cookies);
            return cookies.stream().map(c -> c.name + "=" + c.value).collect(Collectors.joining("; "));
        }
    }

    @Test
    void aDashboardSessionCookieIsRefusedOnEveryApiRoute() {
        DashboardBrowserTest.Authorised authorised = DashboardBrowserTest.authorisedByAlice();
        Map<String, String> ids = Map.of("ConsentId", authorised.consent(), "AccountId", authorised.account(),
                "PartnerId", "no-such-partner", "OfferId", "no-such-offer", "PlacementId", "no-such-placement",
                "CustomerRef", "cref-no-such-customer", "BankId", "bank-no-such-bank");
        List<String> accepted = new ArrayList<>();
        int calls = 0;
        for (String user : List.of("alice", "ops")) {
            String cookie = sessionOf(user);
            // The session is real: the dashboard serves alice's page with it.
            if (user.equals("alice")) {
                assertEquals(200, given().baseUri(Browsers.GATEWAY).redirects().follow(false).header("Cookie", cookie)
                        .get("/").statusCode(), "alice's session opens her dashboard");
            }
            for (AuthorizationMatrixSystemTest.Route route : AuthorizationMatrixSystemTest.ROUTES) {
                String path = route.template();
                for (Map.Entry<String, String> id : ids.entrySet()) {
                    path = path.replace("{" + id.getKey() + "}", id.getValue());
                }
                int status = given().baseUri(Browsers.GATEWAY).redirects().follow(false).header("Cookie", cookie)
                        .contentType(ContentType.JSON).body("{}").request(route.method(), path).statusCode();
                calls++;
                if (status != 401) {
                    accepted.add(user + " " + route.method() + " " + path + " -> " + status);
                }
            }
        }
        assertEquals(List.of(), accepted, "routes that did not answer 401 to a session cookie");
        // Nothing changed: the consent alice authorised is still authorised and still serves its partner.
        assertEquals("Authorised", DashboardBrowserTest.consentStatus(authorised.consent()));
        assertEquals(200, DashboardBrowserTest.balancesStatus(authorised.consent(), authorised.account()));
        System.out.println("[cookies] " + calls + " API calls with real dashboard sessions (alice, ops): all 401");
    }
}
