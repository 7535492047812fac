package org.openbanking.gateway.downstream;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

/**
 * The hop to consent-service. Reads may be retried once; writes never are. Only failures of the hop (timeouts, refused
 * connections, 5xx, a 401 for the gateway's own token) count for the breaker; the service's other 4xx are answers and
 * are relayed. A bulkhead keeps a slow
 * consent-service from holding every request of the gateway. The annotations say which failures count; every number
 * (timeouts, retries, breakers, bulkheads) is in one block of application.properties, with the budget it serves.
 */
@ApplicationScoped
public class ConsentClient {

    @Inject
    @RestClient
    ConsentApi api;

    @Timeout
    @Retry(retryOn = {Downstream.Failure.class, java.io.IOException.class,
            org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class})
    @CircuitBreaker
    @Bulkhead
    @Fallback(fallbackMethod = "unavailable")
    public Uni<Response> read(Function<ConsentApi, Uni<Response>> call) {
        return Downstream.failOnHopFailure(call.apply(api));
    }

    @Timeout
    @CircuitBreaker
    @Bulkhead
    @Fallback(fallbackMethod = "unavailable")
    public Uni<Response> write(Function<ConsentApi, Uni<Response>> call) {
        return Downstream.failOnHopFailure(call.apply(api));
    }

    Uni<Response> unavailable(Function<ConsentApi, Uni<Response>> call) {
        return Downstream.unavailable("consent-service");
    }
}
