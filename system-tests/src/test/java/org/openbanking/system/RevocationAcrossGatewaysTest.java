package org.openbanking.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/** Once a revoke has returned, no gateway replica serves data under that consent; the budget is 1 s. */
class RevocationAcrossGatewaysTest {

    static final String AISP = "/open-banking/v3.1/aisp";
    static String second;

    @BeforeAll
    static void twoGateways() {
        SystemStack.start();
        second = SystemStack.secondGateway();
    }

    @Test
    void afterARevokeReturnsNeitherGatewayServesTheConsent() {
        List<Long> worst = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            worst.add(revokeAndTimeTheRefusals(() -> {
            }));
        }
        Collections.sort(worst);
        System.out.println("[revocation] first refusal on both gateways after the revoke returned, ms: " + worst);
        assertTrue(worst.get(worst.size() - 1) <= 1000, "within 1 s: " + worst);
    }

    /**
     * consent-service's listener loses its connection to PostgreSQL just before the revoke: the notification may be
     * lost, and heartbeats resume once it reconnects. The gateways must still stop serving within 1 s.
     */
    @Test
    void aRevokeWhileTheListenerReconnectsIsStillRefusedWithinASecond() {
        List<Long> worst = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            worst.add(revokeAndTimeTheRefusals(() -> {
                List<String> killed = Setup.column(SystemStack.jdbc("consent"),
                        "select pg_terminate_backend(pid)::text from pg_stat_activity where query like 'LISTEN%'");
                assertTrue(killed.contains("true"), "a listening backend was terminated: " + killed);
            }));
        }
        Collections.sort(worst);
        System.out.println("[revocation] across a listener reconnect, first refusal on both gateways, ms: " + worst);
        assertTrue(worst.get(worst.size() - 1) <= 1000, "within 1 s: " + worst);
    }

    /** A consent served from both gateways' caches, then {@code beforeRevoke}, the revoke: ms until both refuse. */
    private static long revokeAndTimeTheRefusals(Runnable beforeRevoke) {
        String partner = Tokens.partner();
        String alice = Tokens.user("alice");
        String account = given().auth().oauth2(alice).get("/me/accounts").then().extract().jsonPath()
                .getString("Data.Account[0].AccountId");
        String consent = given().auth().oauth2(partner).contentType(ContentType.JSON).body(Map.of("Data", Map.of(
                "Permissions", List.of("ReadAccountsBasic"),
                "ExpirationDateTime", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0).toString(),
                "Purpose", Map.of("Code", "AccountAggregation", "Description", "Revocation test")), "Risk", Map.of()))
                .post(AISP + "/account-access-consents").then().statusCode(201).extract().path("Data.ConsentId");
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("AccountIds", List.of(account)))
                .post("/me/consents/{c}/authorise", consent).then().statusCode(200);
        // Both replicas serve it (with the user present: such calls may be decided from the gateways' caches).
        for (String gateway : List.of("http://localhost:" + SystemStack.GATEWAY, second)) {
            read(gateway, partner, consent).then().statusCode(200);
        }
        beforeRevoke.run();
        given().auth().oauth2(alice).post("/me/consents/{c}/revoke", consent).then().statusCode(200);
        long returned = System.nanoTime();
        long slowest = 0;
        for (String gateway : List.of("http://localhost:" + SystemStack.GATEWAY, second)) {
            long refusedAfter = -1;
            while (refusedAfter < 0) {
                int status = read(gateway, partner, consent).statusCode();
                long millis = (System.nanoTime() - returned) / 1_000_000;
                if (status == 403) {
                    refusedAfter = millis;
                } else {
                    assertTrue(status == 200 && millis <= 1000,
                            gateway + " still served the consent " + millis + " ms after its revoke returned");
                }
            }
            slowest = Math.max(slowest, refusedAfter);
        }
        return slowest;
    }

    private static io.restassured.response.Response read(String gateway, String partner, String consent) {
        return given().baseUri(gateway).port(-1).auth().oauth2(partner).header("x-consent-id", consent)
                .header("x-fapi-customer-ip-address", "198.51.100.1").get(AISP + "/accounts");
    }
}
