package org.openbanking.gateway.downstream;

import java.util.List;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.openbanking.common.ErrorCodes;
import org.openbanking.common.ErrorDetail;
import org.openbanking.common.ErrorMappers;
import org.openbanking.common.InteractionId;

import io.smallrye.mutiny.Uni;

/**
 * What every hop to a service has in common. Services answer in the contract's shapes and envelope, so the gateway
 * relays their 2xx and 4xx as they are, but a 401: services authenticate only the gateway's own service token, so a
 * 401 says the gateway's credentials were refused, never the caller's. That, a 5xx, a timeout or a refused connection
 * is a failure of the hop: it counts for the circuit breaker and the caller gets a 503 with {@code Retry-After}, never
 * the service's error.
 */
public final class Downstream {

    /** The hop failed (a 5xx, or a 401 for the gateway's own token): counted by retries and breakers, never shown. */
    public static final class Failure extends RuntimeException {

        public Failure(int status) {
            super("downstream answered " + status, null, false, false);
        }
    }

    /** Passes the caller's interaction id on, so one id follows a request through every service. */
    public static final class InteractionIdFilter implements ClientRequestFilter {

        @Override
        public void filter(ClientRequestContext request) {
            String id = InteractionId.current();
            if (id != null) {
                request.getHeaders().putSingle(InteractionId.HEADER, id);
            }
        }
    }

    public static final long RETRY_AFTER_SECONDS = 5;

    private Downstream() {
    }

    public static Uni<Response> failOnHopFailure(Uni<Response> call) {
        return call.map(response -> {
            if (response.getStatus() >= 500 || response.getStatus() == 401) {
                response.close();
                throw new Failure(response.getStatus());
            }
            return response;
        });
    }

    /** The fail-closed answer when a dependency cannot answer. */
    public static Uni<Response> unavailable(String what) {
        String message = what + " is unavailable right now; nothing was served. Retry later.";
        return Uni.createFrom().item(ErrorMappers.envelope(503, message,
                List.of(ErrorDetail.of(ErrorCodes.DEPENDENCY_UNAVAILABLE, null, message)), null)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build());
    }
}
