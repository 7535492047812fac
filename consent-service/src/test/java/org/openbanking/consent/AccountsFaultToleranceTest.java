package org.openbanking.consent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openbanking.consent.Api.authorise;
import static org.openbanking.consent.Api.createConsent;
import static org.openbanking.consent.Api.newPartner;
import static org.openbanking.consent.Api.newUser;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The hop to accounts-service: a slow answer times out into a 503, and answers that are not failures (404) never open
 * the breaker. Ordered in one test because the breaker is shared state.
 */
@QuarkusTest
class AccountsFaultToleranceTest {

    @Test
    void slowAnswersTimeOutAnd404sDoNotTripTheBreaker() {
        // 404 many times: each is an answer (no accounts), never a failure.
        for (int i = 0; i < 15; i++) {
            String user = newUser();
            AccountsServiceMock.answers(user, 404);
            authorise(user, createConsent(newPartner()), "acc-1").statusCode(400);
        }
        String alice = newUser();
        AccountsServiceMock.owns(alice, "acc-1");
        authorise(alice, createConsent(newPartner()), "acc-1").statusCode(200);

        // A hanging accounts-service: the call gives up within its budget instead of hanging the user.
        String slow = newUser();
        AccountsServiceMock.server().stubFor(get(urlEqualTo(AccountsServiceMock.path(slow)))
                .willReturn(aResponse().withFixedDelay(5000).withStatus(200)));
        long start = System.currentTimeMillis();
        authorise(slow, createConsent(newPartner()), "acc-1").statusCode(503)
                .body("Errors[0].ErrorCode", equalTo("OB.DependencyUnavailable"));
        long took = System.currentTimeMillis() - start;
        assertTrue(took < 3000, "gave up after " + took + " ms");
    }
}
