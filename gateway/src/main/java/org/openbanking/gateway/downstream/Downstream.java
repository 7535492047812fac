package org.openbanking.gateway.downstream;

import java.util.List;
import java.util.function.Function;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.openbanking.common.ApiException;
import org.openbanking.common.ErrorCodes;
import org.openbanking.common.ErrorDetail;
import org.openbanking.common.ErrorEnvelope;
import org.openbanking.common.InteractionId;

import io.smallrye.mutiny.Uni;

/**
 * What every hop to a service has in common. Services answer in the contract's shapes and envelope, so the gateway
 * relays their 2xx and 4xx as they are, but a 401: services authenticate only the gateway's own service token, so a
 * 401 says the gateway's credentials were refused, never the caller's. That, a 5xx, a timeout or a refused connection
 * is a failure of the hop: it counts for the circuit breaker and the caller gets a 503 with {@code Retry-After}, never
 * the service's error.
 * <p>
 * Downstream trouble reaches the gateway's code through one channel, {@link ApiException}: the client beans' fallbacks
 * fail with {@link Unavailable} (never a Response that looks like an answer), and a service's refusal that ends a flow
 * is raised as the service's own error ({@link #refusal}). {@link Failure} never leaves the client beans.
 */
public final class Downstream {

    /** The hop failed (a 5xx, or a 401 for the gateway's own token): counted by retries and breakers, never shown. */
    static final class Failure extends RuntimeException {

        Failure(int status) {
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

    /** A dependency cannot answer (the fallback of every client bean): the caller gets 503 and nothing else. */
    public static final class Unavailable extends ApiException {

        Unavailable(String what) {
            super(503, what + " is unavailable right now; nothing was served. Retry later.",
                    List.of(ErrorDetail.of(ErrorCodes.DEPENDENCY_UNAVAILABLE, null,
                            what + " is unavailable right now; nothing was served. Retry later.")),
                    RETRY_AFTER_SECONDS);
        }
    }

    /** The fail-closed outcome when a dependency cannot answer. */
    static <T> Uni<T> unavailable(String what) {
        return Uni.createFrom().failure(new Unavailable(what));
    }

    /**
     * A service's refusal (its 4xx, in the contract's envelope) as the gateway's failure, with the service's status,
     * message, errors and Retry-After: for flows that cannot go on after it.
     */
    public static ApiException refusal(Response response) {
        ErrorEnvelope envelope = null;
        try {
            envelope = response.hasEntity() ? response.readEntity(ErrorEnvelope.class) : null;
        } catch (RuntimeException unreadable) {
            // not the envelope: answered below without the body, which is never shown if it is not the envelope
        }
        String retryAfter = response.getHeaderString(HttpHeaders.RETRY_AFTER);
        Long seconds = retryAfter != null && retryAfter.matches("\\d{1,9}") ? Long.valueOf(retryAfter) : null;
        if (envelope == null || envelope.errors() == null || envelope.errors().isEmpty()) {
            String message = "A service refused the request";
            return new ApiException(response.getStatus(), message,
                    List.of(ErrorDetail.of(ErrorCodes.UNEXPECTED_ERROR, null, message)), seconds);
        }
        return new ApiException(response.getStatus(), envelope.message(), envelope.errors(), seconds);
    }

    /** Reads a 2xx answer as {@code type}; any other status is the service's {@link #refusal}. */
    public static <T> Function<Response, T> answer(Class<T> type) {
        return response -> {
            if (response.getStatus() / 100 != 2) {
                throw refusal(response);
            }
            return response.readEntity(type);
        };
    }
}
