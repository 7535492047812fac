package org.openbanking.gateway.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.gateway.config.GatewayConfig;

/**
 * CSRF tokens of the dashboard's forms (synchronizer pattern without server state): an HMAC of the user and of the
 * login session, so a token is useless to anyone else and dies with the session. Every replica computes the same token
 * from the shared secret; nothing is stored.
 */
@ApplicationScoped
public class CsrfTokens {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    @Inject
    public CsrfTokens(GatewayConfig config) {
        this(config.dashboard().secret());
    }

    public CsrfTokens(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalStateException("gateway.dashboard.secret must have at least 32 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The token for this user in this login session. */
    public String tokenFor(String userId, String sessionId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            // A label separates this use of the secret from its other uses (OIDC state and session encryption).
            byte[] digest = mac.doFinal(("dashboard-csrf\n" + userId + "\n" + sessionId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a submitted token is this session's, compared in constant time. */
    public boolean isValid(String submitted, String userId, String sessionId) {
        if (submitted == null || submitted.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(tokenFor(userId, sessionId).getBytes(StandardCharsets.US_ASCII),
                submitted.getBytes(StandardCharsets.UTF_8));
    }
}
