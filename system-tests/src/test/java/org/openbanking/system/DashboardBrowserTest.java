package org.openbanking.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openbanking.system.FullStoryTest.AISP;
import static org.openbanking.system.FullStoryTest.as;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import com.microsoft.playwright.options.SameSiteAttribute;
import com.sun.net.httpserver.HttpServer;

/**
 * The dashboard in a real browser (Debian's Chromium driven by Playwright) against the whole platform with real
 * Keycloak: alice logs in with the code flow, approves a request for one account, sees the partner's access, revokes
 * and the partner is refused; bob sees nothing of hers; forged POSTs change nothing. Screenshots of every screen go to
 * target/screenshots.
 */
class DashboardBrowserTest {

    static final String GATEWAY = Browsers.GATEWAY;
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
    static String partner;

    @BeforeAll
    static void startThePlatformAndTheBrowser() {
        Browsers.chromium();
        SystemStack.start();
        partner = Tokens.partner();
    }

    static BrowserContext phone() {
        return Browsers.phone();
    }

    static Page login(BrowserContext context, String user, String path, String shot) {
        return Browsers.login(context, user, path, shot);
    }

    static void screenshot(Page page, String name) {
        Browsers.screenshot(page, name);
    }

    /** A partner's request, as in FullStoryTest: a window from 60 to 10 days ago, expiring in 30 days. */
    static String requestConsent(List<String> permissions, String purpose) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        return as(Tokens.partner()).body(Map.of("Data", Map.of("Permissions", permissions,
                "ExpirationDateTime", now.plusDays(30).toString(),
                "TransactionFromDateTime", now.minusDays(60).toString(),
                "TransactionToDateTime", now.minusDays(10).toString(),
                "Purpose", Map.of("Code", purpose, "Description", "A system test of the platform")), "Risk", Map.of()))
                .post(AISP + "/account-access-consents").then().statusCode(201).extract().path("Data.ConsentId");
    }

    record Authorised(String consent, String account) {
    }

    /** A partner's request for balances that alice authorised (through the API) for her first account. */
    static Authorised authorisedByAlice() {
        String consent = requestConsent(List.of("ReadAccountsBasic", "ReadBalances"), "AccountAggregation");
        String alice = Tokens.user("alice");
        String account = as(alice).get("/me/accounts").then().statusCode(200).extract().jsonPath()
                .getString("Data.Account[0].AccountId");
        as(alice).body(Map.of("AccountIds", List.of(account))).post("/me/consents/{c}/authorise", consent).then()
                .statusCode(200);
        return new Authorised(consent, account);
    }

    static String consentStatus(String consentId) {
        return as(partner).get(AISP + "/account-access-consents/{c}", consentId).then().statusCode(200).extract()
                .path("Data.Status");
    }

    static int balancesStatus(String consentId, String accountId) {
        return as(partner).header("x-consent-id", consentId).get(AISP + "/accounts/{a}/balances", accountId).then()
                .extract().statusCode();
    }

    @Test
    void aliceApprovesOneAccountSeesTheAccessRevokesAndThePartnerIsRefused() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String consent = requestConsent(List.of("ReadAccountsDetail", "ReadBalances",
                "ReadTransactionsDetail", "ReadTransactionsCredits", "ReadTransactionsDebits"),
                "PersonalFinanceManagement");
        try (BrowserContext alice = phone()) {
            // The partner sends alice to the request's page; she logs in with Keycloak's own form (code flow + PKCE).
            Page page = login(alice, "alice", "/dashboard/consents/" + consent, "01-keycloak-login");
            page.waitForSelector("form.approve");
            screenshot(page, "02-request");
            String text = page.innerText("main");
            assertTrue(text.contains("demo-messenger asks to see your data"), text);
            assertTrue(text.contains("your balances"), text);
            assertTrue(text.contains("your transactions from " + DAY.format(now.minusDays(60)) + " to "
                    + DAY.format(now.minusDays(10)) + ", money in and out"), text);
            assertTrue(text.contains("A system test of the platform"), "the purpose, verbatim");
            assertTrue(text.contains("advertising, profiling you or selling your data"), "the prohibited uses");
            for (String code : List.of("ReadBalances", "ReadTransactions", "ReadAccounts")) {
                assertFalse(text.contains(code), "no permission codes on the page: " + code);
            }
            assertCookiesAndHeaders(alice, page);

            // It is listed as waiting on her dashboard too.
            Browsers.open(page, "/", "li.card.pending[data-consent='" + consent + "']");
            page.click("li.card.pending[data-consent='" + consent + "'] a.button");

            // She approves one of her two accounts.
            List<String> offered = page.locator("input[name=accountId]").all().stream()
                    .map(box -> box.getAttribute("value")).toList();
            assertEquals(2, offered.size(), "alice's two accounts are offered");
            String chosen = offered.get(0);
            page.locator("input[name=accountId]").first().check();
            page.click("form.approve button[type=submit]");
            page.waitForSelector("p.notice");
            screenshot(page, "03-approved");
            assertTrue(page.innerText("p.notice").contains("You approved"));
            assertEquals("Authorised", consentStatus(consent));
            assertEquals(List.of(chosen), as(partner).get(AISP + "/account-access-consents/{c}", consent).then()
                    .extract().jsonPath().getList("Data.AccountIds"));

            // The partner reads her balances: the access appears on her dashboard and in the access log.
            assertEquals(200, balancesStatus(consent, chosen));
            assertEquals(403, balancesStatus(consent, offered.get(1)), "the account she did not choose");
            String card = "li.card.live[data-consent='" + consent + "']";
            Browsers.open(page, "/", card);
            assertEquals("1", page.innerText(card + " .access-count"));
            screenshot(page, "04-dashboard");
            page.click(card + " a[href*='access-log']");
            page.waitForSelector("table.log");
            assertEquals(1, page.locator("table.log tbody tr").count());
            String row = page.innerText("table.log tbody tr");
            assertTrue(row.contains("demo-messenger") && row.contains("your balances"), row);
            page.selectOption("#f-consent", "");
            page.selectOption("#f-partner", "demo-messenger");
            page.click("form.filters button[type=submit]");
            page.waitForSelector("table.log");
            assertTrue(page.locator("table.log tbody tr[data-consent='" + consent + "']").count() >= 1);
            screenshot(page, "05-access-log");

            // She withdraws it, with one confirmation; the partner is refused from then on.
            Browsers.open(page, "/", card);
            page.click(card + " a.button.danger");
            page.waitForSelector("form.confirm");
            screenshot(page, "06-confirm-revoke");
            page.click("form.confirm button[type=submit]");
            page.waitForSelector("p.notice");
            screenshot(page, "07-revoked");
            assertTrue(page.innerText("p.notice").contains("Consent withdrawn"));
            assertEquals("Revoked", consentStatus(consent));
            as(partner).header("x-consent-id", consent).get(AISP + "/accounts/{a}/balances", chosen).then()
                    .statusCode(403).body("Errors[0].ErrorCode", org.hamcrest.Matchers.equalTo("OB.Consent.Revoked"));
            assertTrue(page.locator("li.card.past[data-consent='" + consent + "']").isVisible(), "now a past consent");

            // Its history, in words.
            page.click("li.card.past[data-consent='" + consent + "'] a");
            page.waitForSelector("table");
            String history = page.innerText("table");
            assertTrue(history.contains("Waiting for your answer → Active") && history.contains("Active → Withdrawn"),
                    history);
            screenshot(page, "08-history");

            // Logging out ends the session: the dashboard asks for a login again.
            // Logging out takes a POST with the session's token: the link only asks; a token-less POST changes nothing.
            page.click("text=Log out");
            page.waitForSelector("form.confirm");
            assertEquals(403, page.request().post(GATEWAY + "/dashboard/logout",
                    com.microsoft.playwright.options.RequestOptions.create().setForm(
                            com.microsoft.playwright.options.FormData.create().set("csrf", "forged")))
                    .status());
            page.navigate(GATEWAY + "/dashboard/logout");
            page.click("text=Yes, log me out");
            try {
                page.waitForURL(url -> url.contains("/dashboard/signed-out"));
            } catch (com.microsoft.playwright.TimeoutError e) {
                screenshot(page, "failed-logout");
                throw new AssertionError("logout ended at " + page.url() + ": " + page.content(), e);
            }
            screenshot(page, "09-signed-out");
            page.navigate(GATEWAY + "/");
            page.waitForSelector("#username");
        }
    }

    @Test
    void aRequestCanBeDecidedWithTheKeyboardAloneAndEveryControlHasALabel() {
        String consent = requestConsent(List.of("ReadAccountsBasic", "ReadBalances"), "AccountAggregation");
        try (BrowserContext alice = phone()) {
            Page page = login(alice, "alice", "/dashboard/consents/" + consent, null);
            page.waitForSelector("form.approve");
            // Every visible form control is named by a label (what a screen reader announces).
            Object unlabelled = page.evaluate("() => [...document.querySelectorAll('input:not([type=hidden]), select')]"
                    + ".filter(e => e.labels.length === 0).length");
            assertEquals(0, ((Number) unlabelled).intValue(), "controls without a label");
            assertEquals(1, page.locator("h1").count(), "one heading names the page");
            // The first Tab reaches the skip link; from there, Tab, Space and Enter are enough to approve.
            page.keyboard().press("Tab");
            assertEquals("Skip to the content", page.evaluate("() => document.activeElement.textContent"));
            String focused = "";
            for (int i = 0; i < 30 && !"checkbox".equals(focused); i++) {
                page.keyboard().press("Tab");
                focused = (String) page.evaluate("() => document.activeElement.type || ''");
            }
            assertEquals("checkbox", focused, "the accounts can be reached with Tab");
            page.keyboard().press("Space");
            for (int i = 0; i < 10 && !"submit".equals(page.evaluate("() => document.activeElement.type || ''")); i++) {
                page.keyboard().press("Tab");
            }
            assertEquals("Approve for the chosen accounts", page.evaluate("() => document.activeElement.textContent"));
            page.keyboard().press("Enter");
            page.waitForSelector("p.notice");
            assertEquals("Authorised", consentStatus(consent));
        } finally {
            as(Tokens.user("alice")).post("/me/consents/{c}/revoke", consent);
        }
    }

    /** The session cookie is HttpOnly and SameSite; every page carries a strict CSP and the usual headers. */
    static void assertCookiesAndHeaders(BrowserContext context, Page page) {
        List<Cookie> session = context.cookies(GATEWAY).stream().filter(c -> c.name.startsWith("q_session")).toList();
        assertFalse(session.isEmpty(), "a session cookie");
        for (Cookie c : session) {
            assertTrue(c.httpOnly, c.name + " is HttpOnly");
            assertEquals(SameSiteAttribute.LAX, c.sameSite, c.name + " is SameSite=Lax");
        }
        Response response = page.navigate(GATEWAY + "/");
        Map<String, String> headers = response.allHeaders();
        String csp = headers.get("content-security-policy");
        assertNotNull(csp);
        assertTrue(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'")
                && csp.contains("form-action 'self'") && !csp.contains("unsafe"), csp);
        assertEquals("nosniff", headers.get("x-content-type-options"));
        assertEquals("DENY", headers.get("x-frame-options"));
        assertEquals("no-store", headers.get("cache-control"));
        page.goBack();
    }

    @Test
    void bobNeverSeesAlicesConsents() {
        Authorised authorised = authorisedByAlice();
        String consent = authorised.consent();
        String account = authorised.account();
        assertEquals(200, balancesStatus(consent, account));
        try (BrowserContext bob = phone()) {
            Page page = login(bob, "bob", "/", null);
            page.waitForSelector("h1");
            screenshot(page, "10-bob-dashboard");
            assertEquals(0, page.locator("[data-consent='" + consent + "']").count(), "not on bob's dashboard");
            assertFalse(page.content().contains(consent));

            Response direct = page.navigate(GATEWAY + "/dashboard/consents/" + consent);
            assertEquals(404, direct.status(), "alice's consent does not exist for bob");
            screenshot(page, "11-bob-not-found");
            assertFalse(page.content().contains(account), "nothing of hers on the page");

            page.navigate(GATEWAY + "/dashboard/access-log");
            assertFalse(page.content().contains(consent), "not in bob's access log");
            Response filtered = page.navigate(GATEWAY + "/dashboard/access-log?consent=" + consent);
            assertFalse(page.content().contains(account));
            assertTrue(filtered.status() == 200 || filtered.status() == 404);

            // Even with a valid token of his own session (from a request he opened), alice's consent is not his.
            String bobsRequest = requestConsent(List.of("ReadAccountsBasic"), "AccountAggregation");
            page.navigate(GATEWAY + "/dashboard/consents/" + bobsRequest);
            String bobsToken = page.locator("input[name=csrf]").first().getAttribute("value");
            APIResponse revoke = bob.request().post(GATEWAY + "/dashboard/consents/" + consent + "/revoke",
                    RequestOptions.create().setForm(FormData.create().set("csrf", bobsToken)));
            assertEquals(404, revoke.status(), "bob cannot withdraw alice's consent");
        } finally {
            as(Tokens.user("alice")).post("/me/consents/{c}/revoke", consent).then().statusCode(200);
        }
        assertEquals("Revoked", consentStatus(consent));
    }

    @Test
    void forgedPostsChangeNothingAndBlockingFromTheDashboardRevokes() throws IOException {
        Authorised authorised = authorisedByAlice();
        String consent = authorised.consent();
        String account = authorised.account();

        // An attacker's page on another site submits a form to the dashboard while alice is logged in.
        HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String forged = "<!DOCTYPE html><html><body><form id=f method=post action='" + GATEWAY
                + "/dashboard/consents/" + consent + "/revoke'><input name=csrf value=guessed></form>"
                + "<script>document.getElementById('f').submit()</script></body></html>";
        attacker.createContext("/", exchange -> {
            byte[] body = forged.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        attacker.start();
        try (BrowserContext alice = phone()) {
            Page page = login(alice, "alice", "/", null);
            Browsers.open(page, "/", "li.card.live[data-consent='" + consent + "']");
            String token = page.locator("input[name=csrf]").first().getAttribute("value");

            Page evil = alice.newPage();
            evil.navigate("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
            evil.waitForTimeout(2_000);
            screenshot(evil, "12-forged-cross-site-post");
            assertEquals("Authorised", consentStatus(consent), "the cross-site POST changed nothing");
            assertEquals(200, balancesStatus(consent, account));

            // Same-site requests with alice's cookies but without this session's token are refused too.
            APIResponse noToken = alice.request().post(GATEWAY + "/dashboard/consents/" + consent + "/revoke",
                    RequestOptions.create().setForm(FormData.create().set("x", "1")));
            assertEquals(403, noToken.status());
            APIResponse wrongToken = alice.request().post(GATEWAY + "/dashboard/consents/" + consent + "/revoke",
                    RequestOptions.create().setForm(FormData.create().set("csrf", token.substring(1) + "A")));
            assertEquals(403, wrongToken.status());
            APIResponse crossSite = alice.request().post(GATEWAY + "/dashboard/consents/" + consent + "/revoke",
                    RequestOptions.create().setHeader("Sec-Fetch-Site", "cross-site")
                            .setForm(FormData.create().set("csrf", token)));
            assertEquals(403, crossSite.status(), "a request the browser labels cross-site is refused even with a token");
            assertEquals("Authorised", consentStatus(consent));

            // Blocking the partner from the dashboard withdraws the consent; unblocking does not bring it back.
            Browsers.open(page, "/", "#block-partner");
            page.selectOption("#block-partner", "demo-messenger");
            page.click("form.block-form button[type=submit]");
            page.waitForSelector("p.notice");
            screenshot(page, "13-blocked");
            assertTrue(page.locator("li.card.blocked[data-partner='demo-messenger']").isVisible());
            assertEquals("Revoked", consentStatus(consent));
            assertEquals(403, balancesStatus(consent, account));
            page.click("li.card.blocked[data-partner='demo-messenger'] button");
            page.waitForSelector("p.notice");
            assertTrue(page.innerText("p.notice").contains("unblocked"));
            assertEquals(0, page.locator("li.card.blocked").count());
        } finally {
            attacker.stop(0);
            // Whatever happened above, demo-messenger must not stay blocked for the other tests.
            as(Tokens.user("alice")).delete("/me/blocked-partners/demo-messenger").then()
                    .statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(204), org.hamcrest.Matchers.is(404)));
        }
    }
}
