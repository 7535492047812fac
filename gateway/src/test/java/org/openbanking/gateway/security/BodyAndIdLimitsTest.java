package org.openbanking.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openbanking.testing.TestTokens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * What the system tests' bad-input properties found at the edge, pinned here: a body sent in chunks without a length is
 * read (and judged) like any other, and one over 64 KiB is a 413 in the envelope, not the framework's bare 413; text
 * that is not well-formed, and ids that are no ids, are 400/404 before anything is sent on.
 */
@QuarkusTest
class BodyAndIdLimitsTest {

    static final String OPERATOR = TestTokens.token("ops", "consent-dashboard", List.of("platform-admin"), Map.of());

    @TestHTTPResource("/admin/partners")
    URI partners;

    HttpResponse<String> chunked(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(partners).header("Authorization", "Bearer " + OPERATOR)
                .header("Content-Type", "application/json")
                // A stream of unknown length: sent with Transfer-Encoding: chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request,
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aChunkedBodyIsJudgedLikeAnyOther() throws Exception {
        HttpResponse<String> response = chunked("{\"Name\":\"\",\"Contact\":\"ops@partner.example\"}");
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("Name", JsonPath.from(response.body()).getString("Errors[0].Path"));
    }

    @Test
    void aChunkedBodyOver64KiBIsA413InTheEnvelope() throws Exception {
        HttpResponse<String> response = chunked("{\"Name\":\"" + "x".repeat(100_000) + "\"}");
        assertEquals(413, response.statusCode(), response.body());
        JsonPath envelope = JsonPath.from(response.body());
        assertEquals("UK.OBIE.Field.Invalid", envelope.getString("Errors[0].ErrorCode"));
        assertEquals(response.headers().firstValue("x-fapi-interaction-id").orElseThrow(), envelope.getString("Id"));
    }

    @Test
    void textThatIsNotWellFormedIsRefused() {
        for (String name : List.of("Chat" + (char) 0xd800, "Chat\u0000Pay", "Chat\u0085")) {
            // Escaped in the JSON, as a client would send them: the parser turns them back into these characters.
            StringBuilder escaped = new StringBuilder();
            name.chars().forEach(
                    c -> escaped.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
            given().auth().oauth2(OPERATOR).contentType("application/json")
                    .body("{\"Name\":\"" + escaped + "\",\"Contact\":\"ops@partner.example\"}").post("/admin/partners").then()
                    .statusCode(400).body("Errors[0].Path", equalTo("Name"));
        }
    }

    @Test
    void anIdThatIsNoIdIsRefusedWithoutAnError() {
        for (String id : List.of("a%20b", "%00", "x".repeat(300), "a%2Cb")) {
            int status = given().auth().oauth2(OPERATOR).urlEncodingEnabled(false).get("/admin/partners/" + id).statusCode();
            assertTrue(status == 404 || status == 400, id + " → " + status);
        }
    }

    @Test
    void aLongRequestTargetOrHugeHeadersAreRefusedInTheEnvelope() {
        String id = "5b6c7d8e-9f01-4a2b-8c3d-4e5f6a7b8c9d";
        given().header("x-fapi-interaction-id", id).urlEncodingEnabled(false)
                .get("/open-banking/v3.1/aisp/accounts?x=" + "a".repeat(5_000)).then().statusCode(414)
                .header("x-fapi-interaction-id", id).body("Id", equalTo(id))
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Field.Invalid"));
        given().header("x-fapi-interaction-id", id).header("X-Padding", "p".repeat(25_000)).get("/me/accounts").then()
                .statusCode(431).header("x-fapi-interaction-id", id).body("Id", equalTo(id))
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Header.Invalid"));
        // Under the limits, the same requests reach the rules (here: no token).
        given().header("X-Padding", "p".repeat(15_000)).get("/me/accounts").then().statusCode(401);
        given().urlEncodingEnabled(false).get("/open-banking/v3.1/aisp/accounts?x=" + "a".repeat(3_000)).then()
                .statusCode(401);
    }
}
