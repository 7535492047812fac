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
 * The eligibility facts of a user's accounts from accounts-service, one set per account. The fallback is "no facts", which means no placements: offers are
 * never matched on missing or partial facts. Failures are timeouts, connection errors, 5xx and malformed answers; a 404
 * (no data for the user) is an answer, and other 4xx do not trip the breaker. Numbers: one block per downstream in
 * application.properties.
 */
@ApplicationScoped
public class AccountsClient {

    private static final Logger LOG = Logger.getLogger(AccountsClient.class);

    /** Banded facts of one account: the lower bounds of its balance and income bands, and its type. */
    public record Facts(String accountId, BigDecimal averageBalanceBand, BigDecimal monthlyIncomeBand, String currency,
            String accountType) {
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

    @Timeout
    @Retry(abortOn = Rejected.class)
    @CircuitBreaker(skipOn = Rejected.class)
    @Fallback(fallbackMethod = "noFacts")
    public Uni<Optional<List<Facts>>> factsOf(String userId, List<String> accountIds) {
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

    Uni<Optional<List<Facts>>> noFacts(String userId, List<String> accountIds) {
        LOG.debug("No facts for a placement request: accounts-service did not answer in time or correctly");
        return Uni.createFrom().item(Optional.empty());
    }

    private static Optional<List<Facts>> read(FactsApi.FactsResponse response) {
        try {
            List<Facts> facts = new java.util.ArrayList<>();
            for (FactsApi.AccountFacts account : response.data().account()) {
                BigDecimal balance = new BigDecimal(account.averageBalance90DaysBand().amount());
                BigDecimal income = new BigDecimal(account.monthlyIncomeBand().amount());
                String currency = account.averageBalance90DaysBand().currency();
                if (account.accountId() == null || currency == null
                        || !currency.equals(account.monthlyIncomeBand().currency()) || account.accountSubType() == null) {
                    throw new Malformed();
                }
                facts.add(new Facts(account.accountId(), balance, income, currency, account.accountSubType()));
            }
            return Optional.of(List.copyOf(facts));
        } catch (RuntimeException e) {
            throw e instanceof Malformed ? e : new Malformed();
        }
    }
}
