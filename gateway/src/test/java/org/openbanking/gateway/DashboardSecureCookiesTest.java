package org.openbanking.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** As deployed (secure cookies on, the %prod default): every cookie of the login carries Secure, HttpOnly, SameSite. */
@QuarkusTest
@TestProfile(DashboardSecureCookiesTest.Deployed.class)
class DashboardSecureCookiesTest {

    public static class Deployed implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.dashboard.secure-cookies", "true");
        }
    }

    @Test
    void theLoginsCookiesAreSecureHttpOnlyAndSameSite() {
        List<String> cookies = given().redirects().follow(false).get("/").then().statusCode(302).extract().headers()
                .getValues("Set-Cookie");
        assertFalse(cookies.isEmpty());
        for (String cookie : cookies) {
            assertTrue(cookie.contains("Secure"), cookie);
            assertTrue(cookie.toLowerCase().contains("httponly"), cookie);
            assertTrue(cookie.toLowerCase().contains("samesite=lax"), cookie);
        }
    }
}
