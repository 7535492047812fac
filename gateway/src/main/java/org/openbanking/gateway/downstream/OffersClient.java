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
 * The hop to partner-offers-service. Reads may be retried once; writes never are. Only failures of the hop (timeouts, refused
 * connections, 5xx, a 401 for the gateway's own token) count for the breaker; the service's other 4xx are answers and
 * are relayed. A bulkhead keeps a slow
 * partner-offers-service from holding every request of the gateway. The numbers are overridden in one block of application.properties.
 */
@ApplicationScoped
public class OffersClient {

    @Inject
    @RestClient
    OffersApi api;

    @Timeout
    @Retry(retryOn = {Downstream.Failure.class, java.io.IOException.class,
            org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class})
    @CircuitBreaker
    @Bulkhead
    @Fallback(fallbackMethod = "unavailable")
    public Uni<Response> read(Function<OffersApi, Uni<Response>> call) {
        return Downstream.failOnHopFailure(call.apply(api));
    }

    @Timeout
    @CircuitBreaker
    @Bulkhead
    @Fallback(fallbackMethod = "unavailable")
    public Uni<Response> write(Function<OffersApi, Uni<Response>> call) {
        return Downstream.failOnHopFailure(call.apply(api));
    }

    Uni<Response> unavailable(Function<OffersApi, Uni<Response>> call) {
        return Downstream.unavailable("partner-offers-service");
    }
}
