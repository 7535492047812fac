package org.openbanking.consent;

import java.net.URL;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * consent-service honours what its consumers expect of it: every interaction of the committed pacts that name it
 * (contracts/pacts, written by the consumers' tests; contracts/README.md), replayed against this service with its real
 * database, each from the provider state it names.
 */
@QuarkusTest
@Provider("consent-service")
@PactFolder("../contracts/pacts")
class ConsumerPactsTest {

    /**
     * A valid token of each consumer's service account, in place of the example in its pact: the pact holds only that
     * the consumer sends one ({@code Bearer .+}). A consumer not listed here is not admitted.
     */
    static final Map<String, String> TOKENS = Map.of("gateway", Api.GATEWAY_TOKEN);

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

    @State("a partner may request consents")
    Map<String, Object> partnerMayRequestConsents() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        return Map.of("partnerId", Api.newPartner(),
                "expirationDateTime", now.plusDays(90).toString(),
                "transactionFromDateTime", now.minusDays(180).toString(),
                "transactionToDateTime", now.toString());
    }

    @State("a partner has a consent awaiting authorisation")
    Map<String, Object> consentAwaitingAuthorisation() {
        String partner = Api.newPartner();
        return Map.of("partnerId", partner, "consentId", Api.createConsent(partner));
    }

    @State("a partner has an authorised consent")
    Map<String, Object> authorisedConsent() {
        String partner = Api.newPartner();
        String account = "acc-" + partner;
        return Map.of("partnerId", partner, "consentId", Api.authorisedConsent(partner, Api.newUser(), account),
                "accountId", account);
    }
}
