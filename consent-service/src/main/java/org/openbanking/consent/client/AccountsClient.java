package org.openbanking.consent.client;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.openbanking.common.ApiException;

import io.smallrye.mutiny.Uni;

/**
 * Which accounts a user owns, asked of accounts-service when the user authorises a consent. The numbers of the
 * annotations are defaults; application.properties overrides them in one block for this downstream.
 * <p>
 * What counts as a failure: timeouts, connection errors and 5xx. A 404 (the user has no accounts there yet) is an
 * answer, an empty set; other 4xx are a bug of ours and do not trip the breaker. When accounts-service cannot answer,
 * authorisation fails closed with 503: a consent is never bound to accounts whose ownership was not checked.
 */
@ApplicationScoped
public class AccountsClient {

    /** accounts-service refused the request itself (4xx other than 404): not a sign that it is unhealthy. */
    public static class Rejected extends RuntimeException {

        Rejected(int status) {
            super("accounts-service answered " + status, null, false, false);
        }
    }

    @Inject
    @RestClient
    AccountsApi api;

    @Timeout
    @Retry(abortOn = Rejected.class)
    @CircuitBreaker(skipOn = Rejected.class)
    @Fallback(fallbackMethod = "unavailable")
    public Uni<Set<String>> accountIdsOf(String userId) {
        return api.accountsOf(userId)
                .map(list -> list == null || list.data() == null || list.data().account() == null
                        ? Set.<String>of()
                        : list.data().account().stream().map(AccountsApi.Account::accountId).collect(Collectors.toSet()))
                .onFailure(WebApplicationException.class).transform(AccountsClient::classify)
                .onFailure(NotFound.class).recoverWithItem(Set.of());
    }

    Uni<Set<String>> unavailable(String userId) {
        return Uni.createFrom().failure(ApiException.unavailable(5,
                "Account ownership cannot be checked right now; please try again shortly"));
    }

    private static final class NotFound extends RuntimeException {

        NotFound() {
            super(null, null, false, false);
        }
    }

    private static Throwable classify(Throwable failure) {
        int status = ((WebApplicationException) failure).getResponse().getStatus();
        if (status == 404) {
            return new NotFound();
        }
        if (status >= 400 && status < 500) {
            return new Rejected(status);
        }
        return failure;
    }
}
