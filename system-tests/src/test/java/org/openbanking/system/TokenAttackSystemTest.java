package org.openbanking.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Forged and broken tokens against the running gateway and the real Keycloak's keys (made with Nimbus JOSE+JWT): every
 * one is a 401 in the envelope with a Bearer challenge, while the genuine token it was made from gets through. Claim
 * checks that need the realm's own signature (a foreign issuer, an expired token, one without the gateway's audience)
 * use genuine Keycloak tokens; the same checks with every claim under the test's control are in the gateway's
 * {@code ForgedTokenTest}. Tokens of other clients (the dashboard's code flow, dev-cli, a service account) are valid,
 * so they get the contract's 403 for the wrong role.
 */
class TokenAttackSystemTest {

    static final String PARTNER_ROUTE = "/open-banking/v3.1/aisp/account-access-consents/aac-token-probe";
    static final String USER_ROUTE = "/me/accounts";
    static final String ADMIN_ROUTE = "/admin/partners";
    static final String REALM = "http://localhost:" + SystemStack.KEYCLOAK + "/realms/openbanking";
    static final Map<String, Integer> REFUSED = new LinkedHashMap<>();

    static String partner;
    static String alice;
    static String operator;
    static RSAKey realmKey;
    static RSAKey attackerKey;

    @BeforeAll
    static void genuineTokensAndTheRealmsKey() throws Exception {
        SystemStack.start();
        partner = Tokens.partner();
        alice = Tokens.user("alice");
        operator = Tokens.user("ops");
        String kid = SignedJWT.parse(partner).getHeader().getKeyID();
        JWKSet realmKeys = JWKSet.parse(given().baseUri(REALM + "/protocol/openid-connect/certs").port(-1).get()
                .then().statusCode(200).extract().asString());
        realmKey = realmKeys.getKeyByKeyId(kid).toRSAKey();
        attackerKey = new RSAKeyGenerator(2048).keyID("attacker-key").generate();
        // The controls: each genuine token gets through on its route (to an answer about a consent that does not exist).
        assertEquals(404, call(partner, PARTNER_ROUTE).statusCode());
        assertEquals(200, call(alice, USER_ROUTE).statusCode());
        assertEquals(200, call(operator, ADMIN_ROUTE).statusCode());
    }

    @AfterAll
    static void report() {
        System.out.println("[tokens] refused with 401: " + REFUSED.size() + " kinds of forged or broken token "
                + REFUSED.keySet());
    }

    @Test
    void unsignedTokensAreRefused() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(partner).getJWTClaimsSet();
        String[] parts = partner.split("\\.");
        refused("alg none", new PlainJWT(claims).serialize(), PARTNER_ROUTE);
        for (String alg : List.of("None", "NONE", "nOnE")) {
            refused("alg " + alg, b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + parts[1] + ".", PARTNER_ROUTE);
        }
        refused("alg none keeping the signature", b64("{\"alg\":\"none\",\"kid\":\"" + realmKey.getKeyID() + "\"}") + "."
                + parts[1] + "." + parts[2], PARTNER_ROUTE);
        refused("signature stripped", parts[0] + "." + parts[1] + ".", PARTNER_ROUTE);
        refused("two parts only", parts[0] + "." + parts[1], PARTNER_ROUTE);
    }

    @Test
    void hmacTokensKeyedWithTheRealmsPublicKeyAreRefused() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(partner).getJWTClaimsSet();
        byte[] der = realmKey.toRSAPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        secrets.put("DER", der);
        secrets.put("PEM", pem.getBytes(StandardCharsets.US_ASCII));
        secrets.put("JWK JSON", realmKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8));
        secrets.put("modulus", realmKey.getModulus().decode());
        for (var secret : secrets.entrySet()) {
            for (JWSAlgorithm alg : List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
                SignedJWT forged = new SignedJWT(new JWSHeader.Builder(alg).keyID(realmKey.getKeyID())
                        .type(JOSEObjectType.JWT).build(), claims);
                forged.sign(new MACSigner(secret.getValue()));
                refused(alg + " keyed with the public key's " + secret.getKey(), forged.serialize(), PARTNER_ROUTE);
            }
        }
    }

    @Test
    void tokensSignedWithAnotherKeyAreRefusedWhateverTheirHeaderSays() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(partner).getJWTClaimsSet();
        refused("foreign RSA key, the realm key's kid", sign(claims, header(realmKey.getKeyID())), PARTNER_ROUTE);
        refused("foreign RSA key, unknown kid", sign(claims, header("attacker-key")), PARTNER_ROUTE);
        refused("foreign RSA key, no kid", sign(claims, new JWSHeader.Builder(JWSAlgorithm.RS256).build()), PARTNER_ROUTE);
        refused("foreign RSA key embedded as jwk", sign(claims, new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID("attacker-key").jwk(attackerKey.toPublicJWK()).build()), PARTNER_ROUTE);
        refused("foreign RSA key embedded as jwk, the realm key's kid", sign(claims, new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(realmKey.getKeyID()).jwk(attackerKey.toPublicJWK()).build()), PARTNER_ROUTE);
        refused("foreign key set named by jku", sign(claims, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker-key")
                .jwkURL(URI.create("http://127.0.0.1:9/jwks.json")).build()), PARTNER_ROUTE);
        refused("PS256 with a foreign key", sign(claims, new JWSHeader.Builder(JWSAlgorithm.PS256)
                .keyID(realmKey.getKeyID()).build()), PARTNER_ROUTE);
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID(realmKey.getKeyID()).generate();
        SignedJWT es = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(realmKey.getKeyID()).build(), claims);
        es.sign(new ECDSASigner(ec));
        refused("ES256 with a foreign key, the realm key's kid", es.serialize(), PARTNER_ROUTE);
    }

    @Test
    void genuineTokensWithAChangedPayloadAreRefused() throws Exception {
        String[] parts = partner.split("\\.");
        Map<String, Object> payload = SignedJWT.parse(partner).getJWTClaimsSet().toJSONObject();
        refused("roles raised to platform-admin", tampered(parts, payload, "realm_access",
                Map.of("roles", List.of("partner", "platform-admin"))), ADMIN_ROUTE);
        refused("another partner's azp", tampered(parts, payload, "azp", "chat-pay-000000"), PARTNER_ROUTE);
        refused("expiry moved a day on", tampered(parts, payload, "exp",
                ((Number) payload.get("exp")).longValue() + 86_400), PARTNER_ROUTE);
        refused("audience replaced", tampered(parts, payload, "aud", "open-banking-gateway"), PARTNER_ROUTE);
        String[] users = alice.split("\\.");
        Map<String, Object> alices = SignedJWT.parse(alice).getJWTClaimsSet().toJSONObject();
        refused("sub changed to another user's", tampered(users, alices, "sub", "00000000-0000-0000-0000-0000000000b0"),
                USER_ROUTE);
        refused("customer raised to platform-admin", tampered(users, alices, "realm_access",
                Map.of("roles", List.of("customer", "platform-admin"))), ADMIN_ROUTE);
        // One genuine token's header and payload with another genuine token's signature.
        String[] banks = Tokens.bank("bank-alpha").split("\\.");
        refused("another token's signature", parts[0] + "." + parts[1] + "." + banks[2], PARTNER_ROUTE);
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 1;
        refused("one bit of the signature flipped", parts[0] + "." + parts[1] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signature), PARTNER_ROUTE);
        refused("signature truncated", parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() / 2),
                PARTNER_ROUTE);
    }

    @Test
    void genuineRealmTokensWithTheWrongIssuerExpiryOrAudienceAreRefused() throws Exception {
        // Keycloak names itself after the host it was asked by: the same realm, the same keys, another issuer.
        String foreignIssuer = given().baseUri("http://127.0.0.1:" + SystemStack.KEYCLOAK
                + "/realms/openbanking/protocol/openid-connect/token").port(-1).formParam("grant_type", "client_credentials")
                .formParam("client_id", "demo-messenger").formParam("client_secret", "demo-messenger-secret").post().then()
                .statusCode(200).extract().path("access_token");
        assertNotEquals(SignedJWT.parse(partner).getJWTClaimsSet().getIssuer(),
                SignedJWT.parse(foreignIssuer).getJWTClaimsSet().getIssuer(), "the precondition: another issuer");
        refused("genuine signature, foreign issuer", foreignIssuer, PARTNER_ROUTE);

        // Partners of this test whose clients the realm was told to treat differently (Keycloak's admin API, with the
        // gateway's own service account, which may manage clients).
        KeycloakClients clients = new KeycloakClients();
        String[] shortLived = onboardPartner("Short lived");
        clients.setTokenLifespan(shortLived[0], 3);
        String expiring = Tokens.clientCredentials(shortLived[0], shortLived[1]);
        JWTClaimsSet claims = SignedJWT.parse(expiring).getJWTClaimsSet();
        assertEquals(404, call(expiring, PARTNER_ROUTE).statusCode(), "before its expiry the token gets through");
        long waitMillis = claims.getExpirationTime().getTime() - System.currentTimeMillis() + 1_500;
        assertTrue(waitMillis < 10_000, "a 3 s token: " + claims.getExpirationTime());
        Thread.sleep(Math.max(0, waitMillis));
        refused("genuine token, expired", expiring, PARTNER_ROUTE);

        String[] noAudience = onboardPartner("No audience");
        clients.removeAudienceMappers(noAudience[0]);
        String token = Tokens.clientCredentials(noAudience[0], noAudience[1]);
        Object aud = SignedJWT.parse(token).getJWTClaimsSet().getAudience();
        assertFalse(String.valueOf(aud).contains("open-banking-gateway"), "the precondition: no gateway audience " + aud);
        refused("genuine token, without the gateway's audience", token, PARTNER_ROUTE);
    }

    @Test
    void brokenAuthorizationHeadersAreRefused() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("garbage", "Bearer garbage");
        headers.put("three dots", "Bearer ...");
        headers.put("base64 noise", "Bearer " + b64("{}") + "." + b64("{}") + "." + b64("{}"));
        headers.put("header not JSON", "Bearer " + b64("not json") + "." + partner.split("\\.")[1] + ".x");
        headers.put("a 16 KiB token", "Bearer " + "a".repeat(16 * 1024));
        headers.put("basic credentials", "Basic " + Base64.getEncoder().encodeToString("alice:alice".getBytes()));
        headers.put("another scheme", "Token " + partner);
        headers.put("two tokens", "Bearer " + partner + " " + partner);
        for (var header : headers.entrySet()) {
            Response response = given().header("Authorization", header.getValue()).accept(ContentType.JSON)
                    .get(PARTNER_ROUTE);
            assertEquals(401, response.statusCode(), header.getKey() + ": " + response.asString());
            assertTrue(response.header("WWW-Authenticate").startsWith("Bearer"), header.getKey());
            REFUSED.put(header.getKey(), 401);
        }
        // A token in the URL is not a token: only the Authorization header carries one.
        given().queryParam("access_token", partner).accept(ContentType.JSON).get(PARTNER_ROUTE).then().statusCode(401)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Header.Missing"));
        REFUSED.put("token in the query string", 401);
    }

    @Test
    void validTokensOfOtherClientsAreRefusedForTheWrongRole() throws Exception {
        String dashboard = dashboardToken("alice");
        JWTClaimsSet claims = SignedJWT.parse(dashboard).getJWTClaimsSet();
        assertEquals("consent-dashboard", claims.getStringClaim("azp"));
        assertEquals(200, call(dashboard, USER_ROUTE).statusCode(), "the dashboard's token is alice's on /me");
        String service = Tokens.clientCredentials("gateway", "gateway-secret");
        Map<String, String> tokens = Map.of("consent-dashboard (alice)", dashboard, "dev-cli (alice)", alice,
                "the gateway's service account", service, "a bank", Tokens.bank("bank-alpha"));
        for (var token : tokens.entrySet()) {
            for (String route : List.of(PARTNER_ROUTE, "/open-banking/v3.1/aisp/accounts")) {
                Response response = given().auth().oauth2(token.getValue()).header("x-consent-id", "aac-token-probe")
                        .accept(ContentType.JSON).get(route);
                assertEquals(403, response.statusCode(), token.getKey() + " as a partner on " + route);
                response.then().body("Errors[0].ErrorCode", equalTo("UK.OBIE.Header.Invalid"));
            }
        }
        assertEquals(403, call(service, ADMIN_ROUTE).statusCode(), "a service account is no operator");
        assertEquals(403, call(dashboard, ADMIN_ROUTE).statusCode(), "alice is no operator");
    }

    // ---- helpers

    private static void refused(String what, String token, String route) {
        Response response = call(token, route);
        assertEquals(401, response.statusCode(), what + " was not refused: " + response.asString());
        String challenge = response.header("WWW-Authenticate");
        assertNotNull(challenge, what + ": no WWW-Authenticate");
        assertTrue(challenge.startsWith("Bearer"), what + ": " + challenge);
        assertEquals("UK.OBIE.Header.Invalid", response.path("Errors[0].ErrorCode"), what);
        assertEquals(response.header("x-fapi-interaction-id"), response.path("Id"), what);
        REFUSED.put(what, 401);
    }

    private static Response call(String token, String route) {
        return given().auth().oauth2(token).accept(ContentType.JSON).get(route);
    }

    private static JWSHeader header(String kid) {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT).build();
    }

    private static String sign(JWTClaimsSet claims, JWSHeader header) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new RSASSASigner(attackerKey));
        return jwt.serialize();
    }

    private static String tampered(String[] parts, Map<String, Object> payload, String claim, Object value)
            throws Exception {
        Map<String, Object> changed = new LinkedHashMap<>(payload);
        changed.put(claim, value);
        String json = JWTClaimsSet.parse(changed).toString();
        return parts[0] + "." + b64(json) + "." + parts[2];
    }

    private static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String[] onboardPartner(String name) {
        JsonPath created = given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("Name", name + " " + System.nanoTime(), "Contact", "tokens@partner.example"))
                .post(ADMIN_ROUTE).then().statusCode(201).extract().jsonPath();
        return new String[]{created.getString("ClientId"), created.getString("ClientSecret")};
    }

    /**
     * Alice's token from the dashboard's own client, by its authorization code flow with PKCE, as a browser would get
     * it: the login form, her credentials, the code from the redirect, the code exchanged with the verifier.
     */
    static String dashboardToken(String user) throws Exception {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        // A browser of our own that does not follow the final redirect. Keycloak's cookies are Secure, which browsers
        // send to http://localhost too (a secure context) but Java's CookieManager does not: they are passed by hand.
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        List<String> tried = new ArrayList<>();
        // The realm names the gateway's port in the dashboard's redirect URIs (the launcher rewrites the default one).
        for (int port : new int[]{SystemStack.GATEWAY, 8080}) {
            String redirect = "http://localhost:" + port + "/dashboard/token-attack-callback";
            URI authorize = URI.create(REALM + "/protocol/openid-connect/auth?client_id=consent-dashboard"
                    + "&response_type=code&scope=openid&state=s&code_challenge_method=S256&code_challenge=" + challenge
                    + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8));
            HttpResponse<String> login = browser.send(HttpRequest.newBuilder(authorize).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher action = Pattern.compile("<form[^>]*action=\"([^\"]*login-actions/authenticate[^\"]*)\"")
                    .matcher(login.body());
            if (login.statusCode() != 200 || !action.find()) {
                tried.add(redirect + " → " + login.statusCode());
                continue;
            }
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&credentialId=";
            String cookies = String.join("; ", login.headers().allValues("Set-Cookie").stream()
                    .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).toList());
            HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(action.group(1)
                    .replace("&amp;", "&"))).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", cookies)
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            String location = signedIn.headers().firstValue("Location").orElse("");
            assertTrue(signedIn.statusCode() == 302 && location.startsWith(redirect),
                    "the login redirects with a code: " + signedIn.statusCode() + " " + location);
            Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
            assertTrue(code.find(), location);
            return given().baseUri(SystemStack.tokenUrl()).port(-1).formParam("grant_type", "authorization_code")
                    .formParam("client_id", "consent-dashboard").formParam("code", code.group(1))
                    .formParam("redirect_uri", redirect).formParam("code_verifier", verifier).post().then()
                    .statusCode(200).extract().path("access_token");
        }
        throw new AssertionError("no login form for the dashboard's client: " + tried);
    }

    /** Keycloak's admin API for this realm's clients, as the gateway's service account (manage-clients). */
    static final class KeycloakClients {

        private final String admin = "http://localhost:" + SystemStack.KEYCLOAK + "/admin/realms/openbanking/clients";
        private final String token = Tokens.clientCredentials("gateway", "gateway-secret");

        private String internalId(String clientId) {
            return given().baseUri(admin).port(-1).auth().oauth2(token).queryParam("clientId", clientId).get().then()
                    .statusCode(200).extract().path("[0].id");
        }

        void setTokenLifespan(String clientId, int seconds) {
            String id = internalId(clientId);
            Map<String, Object> client = given().baseUri(admin + "/" + id).port(-1).auth().oauth2(token).get().then()
                    .statusCode(200).extract().jsonPath().getMap("$");
            @SuppressWarnings("unchecked")
            Map<String, Object> attributes = new LinkedHashMap<>((Map<String, Object>) client.get("attributes"));
            attributes.put("access.token.lifespan", String.valueOf(seconds));
            Map<String, Object> changed = new LinkedHashMap<>(client);
            changed.put("attributes", attributes);
            given().baseUri(admin + "/" + id).port(-1).auth().oauth2(token).contentType(ContentType.JSON).body(changed)
                    .put().then().statusCode(204);
        }

        void removeAudienceMappers(String clientId) {
            String id = internalId(clientId);
            List<Map<String, Object>> mappers = given().baseUri(admin + "/" + id + "/protocol-mappers/models").port(-1)
                    .auth().oauth2(token).get().then().statusCode(200).extract().jsonPath().getList("$");
            int removed = 0;
            for (Map<String, Object> mapper : mappers) {
                if ("oidc-audience-mapper".equals(mapper.get("protocolMapper"))) {
                    given().baseUri(admin + "/" + id + "/protocol-mappers/models/" + mapper.get("id")).port(-1).auth()
                            .oauth2(token).delete().then().statusCode(204);
                    removed++;
                }
            }
            assertTrue(removed > 0, "the onboarded client had an audience mapper");
        }
    }
}
