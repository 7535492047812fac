package org.openbanking.common;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Stopping a replica (SIGTERM) is graceful (contract: Operations): it stops taking new calls and finishes the ones it
 * took. On SIGTERM Quarkus first announces the stop ({@link ShutdownDelayInitiatedEvent}, with
 * {@code quarkus.shutdown.delay-enabled}; readiness reports DOWN from then on), then waits up to
 * {@code quarkus.shutdown.timeout} for the requests it has taken, and only then closes the HTTP server, the clients and
 * the pools: a call taken before the signal keeps everything it needs (downstream clients, the gateway's receipt
 * writer) until it is done.
 * <p>
 * Quarkus itself would go on taking calls while it waits, so that under steady load the wait never ends and the calls
 * still running at its timeout are cut. From the announcement on, every new call on the API port is answered at once,
 * before any other route, with 503 in the envelope, {@code Retry-After} and {@code Connection: close}: nothing was done
 * for it, so the caller may retry, and another replica answers. The Kubernetes pre-stop delay has taken the replica out
 * of its Service before the signal, so only stragglers meet this answer. The management port (probes, metrics) is not
 * concerned.
 */
@Singleton
public class GracefulStop {

    private static final Logger LOG = Logger.getLogger(GracefulStop.class);
    static final String MESSAGE = "This replica is stopping and takes no new calls; retry (another replica will answer)";

    private volatile boolean stopping;

    @Inject
    ObjectMapper mapper;

    void announced(@Observes ShutdownDelayInitiatedEvent event) {
        stopping = true;
        LOG.info("Stopping: new calls are refused (503); the calls under way are finished");
    }

    /** Whether this replica has been told to stop. */
    public boolean stopping() {
        return stopping;
    }

    void register(@Observes Router router) {
        // Right after InteractionId's handler, so that the refusal carries the call's interaction id.
        router.route().order(Integer.MIN_VALUE + 1).handler(rc -> {
            if (stopping) {
                refuse(rc);
            } else {
                rc.next();
            }
        });
    }

    private void refuse(RoutingContext rc) {
        try {
            String json = mapper.writeValueAsString(new ErrorEnvelope("Service Unavailable", InteractionId.of(rc), MESSAGE,
                    List.of(ErrorDetail.of(ErrorCodes.DEPENDENCY_UNAVAILABLE, null, MESSAGE))));
            rc.response().setStatusCode(503)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Retry-After", "1")
                    .putHeader("Connection", "close")
                    .end(json);
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }
}
