package org.openbanking.accounts;

import java.net.URL;
import java.util.Map;

import org.apache.hc.core5.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openbanking.testing.ConsumerPacts;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;

/**
 * accounts-service honours what its consumers expect of it: every interaction of the committed pacts that name it
 * (contracts/pacts, written by the consumers' tests; contracts/README.md), replayed against this service with its real
 * database, each from the provider state it names.
 */
@QuarkusTest
@Provider("accounts-service")
@PactFolder("../contracts/pacts")
class ConsumerPactsTest {

    /**
     * A valid token of each consumer's service account, in place of the example in its pact: the pact holds only that
     * the consumer sends one ({@code Bearer .+}). A consumer not listed here is not admitted.
     */
    static final Map<String, String> TOKENS = Map.of("partner-offers-service", Api.OFFERS, "gateway", Api.GATEWAY,
            "consent-service", Api.CONSENT);

    @TestHTTPResource("/")
    URL service;

    @BeforeEach
    void target(PactVerificationContext context) {
        context.setTarget(new HttpTestTarget(service.getHost(), service.getPort()));
    }

    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void honours(PactVerificationContext context, HttpRequest request) {
        ConsumerPacts.verifyAs(context, request, TOKENS);
    }

    // ---- provider states: each prepares its data through the service's own API and names what it made

    @State("a user with a linked EUR current account")
    Map<String, Object> userWithAnAccount() {
        String user = Api.newUser();
        // A bank account of its own each time: a bank's account ids are unique across its customers.
        String account = Api.putAccount("bank-alpha", user, "pact-" + user, Api.account("DE89370400440532013000", "3000.00"))
                .statusCode(201).extract().path("AccountId");
        return Map.of("userId", user, "accountId", account);
    }

    @State("a user with no accounts")
    Map<String, Object> userWithoutAccounts() {
        return Map.of("userId", Api.newUser());
    }
}
