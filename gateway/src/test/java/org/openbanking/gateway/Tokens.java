package org.openbanking.gateway;

import java.util.List;
import java.util.Map;

import org.openbanking.testing.TestTokens;

/** Tokens of each party, as the realm issues them. */
final class Tokens {

    private Tokens() {
    }

    static String partner(String clientId) {
        return TestTokens.token("service-account-" + clientId, clientId, List.of("partner"), Map.of());
    }

    static String customer(String sub) {
        return TestTokens.token(sub, "consent-dashboard", List.of("customer"), Map.of());
    }

    static String bank(String bankId) {
        return TestTokens.token("service-account-" + bankId, bankId, List.of("bank"), Map.of("bank_id", bankId));
    }

    static String operator() {
        return TestTokens.token("ops", "consent-dashboard", List.of("platform-admin"), Map.of());
    }
}
