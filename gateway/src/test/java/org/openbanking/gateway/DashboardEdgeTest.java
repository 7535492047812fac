package org.openbanking.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The dashboard's edge, without a browser: who is sent to log in and how (code flow with PKCE), that its cookie never
 * stands in for a bearer token on the API, and the headers every answer carries. The browser flow itself runs against
 * real Keycloak in system-tests (DashboardBrowserTest).
 */
@QuarkusTest
class DashboardEdgeTest {

    @Test
    void anonymousVisitorsAreSentToLoginWithPkce() {
        Response response = given().redirects().follow(false).get("/");
        assertEquals(302, response.statusCode());
        URI login = URI.create(response.header("Location"));
        String query = login.getRawQuery();
        // The test OIDC server's authorization endpoint (Keycloak's is .../protocol/openid-connect/auth).
        assertTrue(login.getPath().contains("/realms/quarkus"), login.toString());
        assertTrue(query.contains("client_id=consent-dashboard"), query);
        assertTrue(query.contains("response_type=code"), query);
        assertTrue(query.contains("code_challenge_method=S256") && query.contains("code_challenge="), query);
        assertTrue(query.contains("state="), query);
        String stateCookie = response.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("q_auth")).findFirst().orElseThrow();
        assertTrue(stateCookie.toLowerCase().contains("httponly") && stateCookie.toLowerCase().contains("samesite=lax"),
                stateCookie);
        assertTrue(!stateCookie.contains("Secure"), "plain http in a local run and in tests: " + stateCookie);
    }

    @Test
    void anActionWithoutASessionDoesNothing() {
        Services.reset();
        Response response = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", "x").post("/dashboard/consents/aac-1/revoke");
        assertEquals(302, response.statusCode(), "sent to log in, not served");
        Services.consent.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theApiNeverAcceptsTheDashboardsCookieOrRedirects() {
        given().redirects().follow(false).cookie("q_session_dashboard", "anything").get("/me/consents").then()
                .statusCode(401).body("Errors[0].ErrorCode", equalTo("UK.OBIE.Header.Missing"));
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        for (String path : new String[]{"/dashboard/signed-out", "/assets/dashboard.css", "/me/consents"}) {
            given().redirects().follow(false).get(path).then()
                    .header("Content-Security-Policy", containsString("default-src 'none'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("X-Frame-Options", equalTo("DENY"))
                    .header("Referrer-Policy", equalTo("no-referrer"))
                    .header("Cache-Control", equalTo("no-store"));
        }
        given().get("/dashboard/signed-out").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("You are signed out"));
        given().get("/assets/dashboard.css").then().statusCode(200).contentType(startsWith("text/css"));
    }
}
