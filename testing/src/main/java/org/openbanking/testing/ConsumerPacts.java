package org.openbanking.testing;

import java.util.Map;

import org.apache.hc.core5.http.HttpRequest;

import au.com.dius.pact.provider.junit5.PactVerificationContext;

/** A provider's verification of its consumers' pacts (contracts/README.md), the same in every provider's build. */
public final class ConsumerPacts {

    private ConsumerPacts() {
    }

    /**
     * Replays one interaction with a valid token of the consumer's service account in place of the pact's example: the
     * pact holds only that the consumer sends one ({@code Bearer .+}). A consumer without a token in {@code tokens}
     * is not admitted.
     */
    public static void verifyAs(PactVerificationContext context, HttpRequest request, Map<String, String> tokens) {
        String consumer = context.getConsumer().getName();
        if (request.containsHeader("Authorization")) {
            String token = tokens.get(consumer);
            if (token == null) {
                throw new AssertionError(
                        "No service token for the consumer " + consumer + ": add its service account to TOKENS");
            }
            request.setHeader("Authorization", "Bearer " + token);
        }
        context.verifyInteraction();
    }
}
