package org.openbanking.gateway.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openbanking.testing.TestTokens;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Every check the gateway makes on a token, one at a time: each forged token differs from a control token that gets
 * through in exactly one respect, and is a 401 in the envelope with a Bearer challenge. Signed with the test OIDC
 * server's own key (the one the gateway trusts here), so that the claim checks (issuer, audience, expiry, not-before)
 * are proven, not hidden behind a bad signature; system-tests' TokenAttackSystemTest does the same against Keycloak.
 */
@QuarkusTest
class ForgedTokenTest {

    static final String PARTNER_ROUTE = "/open-banking/v3.1/aisp/account-access-consents/aac-forged";
    static RSAKey trusted;
    static RSAKey attacker;

    @BeforeAll
    static void keys() throws Exception {
        try (InputStream jwk = ForgedTokenTest.class.getResourceAsStream("/privateKey.jwk")) {
            assertNotNull(jwk, "the test OIDC server's key is on the class path");
            trusted = RSAKey.parse(new String(jwk.readAllBytes(), StandardCharsets.UTF_8));
        }
        attacker = new RSAKeyGenerator(2048).keyID(trusted.getKeyID()).generate();
    }

    /** A partner's token as the realm shapes it, valid for five minutes. */
    static JWTClaimsSet.Builder partnerClaims(String partner) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(TestTokens.ISSUER).subject("service-account-" + partner)
                .audience("open-banking-gateway").claim("azp", partner)
                .claim("realm_access", Map.of("roles", List.of("partner"))).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)));
    }

    static String signed(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(trusted.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(trusted));
        return jwt.serialize();
    }

    static Response call(String token) {
        return given().auth().oauth2(token).accept("application/json").get(PARTNER_ROUTE);
    }

    static void refused(String what, String token) {
        Response response = call(token);
        assertEquals(401, response.statusCode(), what + ": " + response.asString());
        assertTrue(response.header("WWW-Authenticate").startsWith("Bearer"), what);
        assertEquals("UK.OBIE.Header.Invalid", response.path("Errors[0].ErrorCode"), what);
        assertEquals(response.header("x-fapi-interaction-id"), response.path("Id"), what);
    }

    @Test
    void eachClaimCheckRefusesATokenThatDiffersInThatClaimOnly() throws Exception {
        int control = call(signed(partnerClaims("p-forged").build())).statusCode();
        assertTrue(control != 401 && control != 403, "the control token gets through: " + control);

        Instant now = Instant.now();
        Map<String, UnaryOperator<JWTClaimsSet.Builder>> forgeries = new LinkedHashMap<>();
        forgeries.put("a foreign issuer", b -> b.issuer("https://evil.example.com"));
        forgeries.put("the issuer with a trailing slash", b -> b.issuer(TestTokens.ISSUER + "/"));
        forgeries.put("no issuer", b -> b.issuer(null));
        forgeries.put("another audience", b -> b.audience("account"));
        forgeries.put("several audiences, not the gateway's", b -> b.audience(List.of("account", "consent-service")));
        forgeries.put("no audience", b -> b.audience((String) null));
        forgeries.put("expired a minute ago", b -> b.issueTime(Date.from(now.minusSeconds(600)))
                .expirationTime(Date.from(now.minusSeconds(60))));
        forgeries.put("expired two seconds ago", b -> b.issueTime(Date.from(now.minusSeconds(300)))
                .expirationTime(Date.from(now.minusSeconds(2))));
        forgeries.put("no expiry", b -> b.expirationTime(null));
        forgeries.put("not valid before five minutes from now", b -> b.notBeforeTime(Date.from(now.plusSeconds(300))));
        for (var forgery : forgeries.entrySet()) {
            refused(forgery.getKey(), signed(forgery.getValue().apply(partnerClaims("p-forged")).build()));
        }
    }

    @Test
    void tokensNotSignedByTheIdentityProviderAreRefused() throws Exception {
        JWTClaimsSet claims = partnerClaims("p-forged").build();
        refused("alg none", new PlainJWT(claims).serialize());
        byte[] publicKey = trusted.toRSAPublicKey().getEncoded();
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS512)) {
            SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(alg).keyID(trusted.getKeyID()).build(), claims);
            hmac.sign(new MACSigner(publicKey));
            refused(alg + " keyed with the public key", hmac.serialize());
        }
        for (JWSHeader header : List.of(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(trusted.getKeyID()).build(),
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("2").build(),
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(trusted.getKeyID()).jwk(attacker.toPublicJWK()).build())) {
            SignedJWT foreign = new SignedJWT(header, claims);
            foreign.sign(new RSASSASigner(attacker));
            refused("another key, header " + header.toJSONObject().keySet(), foreign.serialize());
        }
        // A critical header the gateway does not understand must not be ignored (RFC 7515, 4.1.11).
        SignedJWT critical = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(trusted.getKeyID())
                .criticalParams(Set.of("ob-unknown")).customParam("ob-unknown", true).build(), claims);
        critical.sign(new RSASSASigner(trusted));
        refused("an unknown critical header", critical.serialize());
        String[] parts = signed(claims).split("\\.");
        String raised = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(partnerClaims("p-forged")
                .claim("realm_access", Map.of("roles", List.of("partner", "platform-admin"))).build().toString()
                .getBytes(StandardCharsets.UTF_8));
        refused("payload changed, signature kept", parts[0] + "." + raised + "." + parts[2]);
        for (String broken : List.of("...", ".", "..", "a..", ".b.", "a.b", "a.b.c.d", "not-a-token", "a b.c.d")) {
            refused("the bearer token '" + broken + "'", broken);
        }
    }

    @Test
    void aUsersTokenNeverActsAsAPartnerWhateverItsRoles() throws Exception {
        // A user given the partner role by mistake signs in through the dashboard or dev-cli: not a partner.
        for (String userClient : List.of("consent-dashboard", "dev-cli")) {
            String token = signed(partnerClaims(userClient).subject("a-user").build());
            Response response = call(token);
            assertEquals(403, response.statusCode(), userClient + ": " + response.asString());
            assertEquals("UK.OBIE.Header.Invalid", response.path("Errors[0].ErrorCode"));
        }
        // Identities that could name something else than one party are refused, never passed on.
        for (String azp : List.of("p1/../p2", "p1,p2", "p 1", "p1%2Fp2", "")) {
            Response response = call(signed(partnerClaims(azp).build()));
            assertEquals(403, response.statusCode(), "azp '" + azp + "': " + response.asString());
        }
        for (Object bankId : List.of("bank-alpha/../bank-beta", "bank-alpha,bank-beta", " bank-alpha", List.of("a", "b"))) {
            String token = signed(partnerClaims("bank-x").claim("realm_access", Map.of("roles", List.of("bank")))
                    .claim("bank_id", bankId).build());
            Response response = given().auth().oauth2(token).accept("application/json").get("/banks/offers");
            assertEquals(403, response.statusCode(), "bank_id " + bankId + ": " + response.asString());
        }
    }
}
