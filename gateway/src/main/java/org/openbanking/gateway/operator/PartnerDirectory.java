package org.openbanking.gateway.operator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where partners and banks exist as OIDC clients: Keycloak in every deployment. An interface so that onboarding's
 * rules (validation, compensation when a later step fails) can be tested without a Keycloak.
 */
public interface PartnerDirectory {

    /** A client of one kind of party: {@code partner} or {@code bank}. */
    record Client(String clientId, String party, String name, String contact, List<String> redirectUris, boolean enabled) {
    }

    /**
     * An {@code x-idempotency-key} remembered on the client its first request created: the key's id (a digest of the
     * operator and the key, so neither is stored), the request's fingerprint and when it was first used.
     */
    record Remembered(String keyId, String fingerprint, Instant createdAt) {
    }

    /** A client and the key it was created with. */
    record CreatedWith(Client client, Remembered key) {
    }

    /** The identity provider cannot be reached or refused to act. */
    class Unavailable extends RuntimeException {

        public Unavailable(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** A client with this id already exists. */
    class Exists extends RuntimeException {

        public Exists() {
            super(null, null, false, false);
        }
    }

    /**
     * Creates a confidential client with client credentials only, tokens carrying {@code role}, the gateway's audience
     * and {@code claims}, remembering the idempotency key if there is one ({@code null} otherwise); returns its secret,
     * which is not kept anywhere but in the identity provider.
     */
    String create(Client client, String role, Map<String, String> claims, Remembered key);

    /** The newest client of this party created with this key id, if any. */
    Optional<CreatedWith> createdWith(String party, String keyId);

    /** The client's current secret: for a retried onboarding only. */
    String secret(String clientId);

    void delete(String clientId);

    List<Client> list(String party);

    Optional<Client> get(String clientId);

    String rotateSecret(String clientId);

    void setEnabled(String clientId, boolean enabled);
}
