package org.openbanking.offers.client;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * A user's eligibility facts from accounts-service. The fallback is "no facts", which means no placements: offers are
 * never matched on missing or partial facts. Failures are timeouts, connection errors, 5xx and malformed answers; a 404
 * (no data for the user) is an answer, and other 4xx do not trip the breaker. Numbers: one block per downstream in
 * application.properties.
 */
@ApplicationScoped
public class AccountsClient {

    private static final Logger LOG = Logger.getLogger(AccountsClient.class);

    /** Banded facts: the lower bounds of the user's balance and income bands, and the account types held. */
    public record Facts(BigDecimal averageBalanceBand, BigDecimal monthlyIncomeBand, String currency,
            List<String> accountTypes) {
    }

    /** accounts-service refused the request itself (4xx other than 404). */
    public static class Rejected extends RuntimeException {

        Rejected(int status) {
            super("accounts-service answered " + status, null, false, false);
        }
    }

    /** The answer could not be read as facts. Counts as a failure of the downstream. */
    public static class Malformed extends RuntimeException {

        Malformed() {
            super("accounts-service sent malformed facts", null, false, false);
        }
    }

    @Inject
    @RestClient
    FactsApi api;

    @Timeout(500)
    @Retry(maxRetries = 1, delay = 50, abortOn = Rejected.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = Rejected.class)
    @Fallback(fallbackMethod = "noFacts")
    public Uni<Optional<Facts>> factsOf(String userId, List<String> accountIds) {
        return api.factsOf(userId, String.join(",", accountIds))
                .map(AccountsClient::read)
                .onFailure(WebApplicationException.class).recoverWithUni(failure -> {
                    int status = ((WebApplicationException) failure).getResponse().getStatus();
                    if (status == 404) {
                        return Uni.createFrom().item(Optional.empty());
                    }
                    return Uni.createFrom().failure(status < 500 ? new Rejected(status) : failure);
                });
    }

    Uni<Optional<Facts>> noFacts(String userId, List<String> accountIds) {
        LOG.debug("No facts for a placement request: accounts-service did not answer in time or correctly");
        return Uni.createFrom().item(Optional.empty());
    }

    private static Optional<Facts> read(FactsApi.FactsResponse response) {
        try {
            FactsApi.Data data = response.data();
            BigDecimal balance = new BigDecimal(data.averageBalance90DaysBand().amount());
            BigDecimal income = new BigDecimal(data.monthlyIncomeBand().amount());
            String currency = data.averageBalance90DaysBand().currency();
            if (currency == null || !currency.equals(data.monthlyIncomeBand().currency()) || data.accountTypes() == null) {
                throw new Malformed();
            }
            return Optional.of(new Facts(balance, income, currency, List.copyOf(data.accountTypes())));
        } catch (RuntimeException e) {
            throw e instanceof Malformed ? e : new Malformed();
        }
    }
}
