package org.openbanking.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.smallrye.jwt.build.Jwt;

/**
 * Access tokens shaped like the {@code openbanking} realm's (roles under {@code realm_access.roles}, the client id in
 * {@code azp}), signed with the key of {@code OidcWiremockTestResource}, whose issuer they carry.
 */
public final class TestTokens {

    public static final String ISSUER = "https://server.example.com";

    private TestTokens() {
    }

    /**
     * The audiences the realm's mappers put in each client's tokens: the gateway's name the services it calls,
     * consent-service's and partner-offers-service's name accounts-service (keycloak/openbanking-realm.json).
     */
    static final Map<String, List<String>> AUDIENCES = Map.of(
            "gateway", List.of("open-banking-gateway", "consent-service", "accounts-service", "partner-offers-service"),
            "consent-service", List.of("open-banking-gateway", "accounts-service"),
            "partner-offers-service", List.of("open-banking-gateway", "accounts-service"));

    /** A service account's token (client credentials): {@code sub} and {@code azp} name the client. */
    public static String service(String clientId, String... roles) {
        return token("service-account-" + clientId, clientId, List.of(roles), Map.of());
    }

    /** A token with the given subject, client and roles, and extra claims. */
    public static String token(String subject, String clientId, List<String> roles, Map<String, Object> claims) {
        var builder = Jwt.issuer(ISSUER)
                .subject(subject)
                .audience(new java.util.HashSet<>(AUDIENCES.getOrDefault(clientId, List.of("open-banking-gateway"))))
                .claim("azp", clientId)
                .claim("realm_access", Map.of("roles", roles))
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plus(Duration.ofMinutes(5)));
        claims.forEach(builder::claim);
        return builder.jws().keyId("1").sign("privateKey.jwk");
    }
}
