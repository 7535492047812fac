package org.openbanking.gateway.service;

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
     * and {@code claims}; returns its secret, which is not kept anywhere.
     */
    String create(Client client, String role, Map<String, String> claims);

    void delete(String clientId);

    List<Client> list(String party);

    Optional<Client> get(String clientId);

    String rotateSecret(String clientId);

    void setEnabled(String clientId, boolean enabled);
}
