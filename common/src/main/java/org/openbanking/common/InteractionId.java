package org.openbanking.common;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.Span;
import io.smallrye.common.vertx.ContextLocals;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code x-fapi-interaction-id} on every response: the request's value when it is a UUID, otherwise a fresh one. It is
 * set as the first route handler, so that responses written by the framework itself (401, 404, 413) carry it too. The
 * id is also an attribute of the request's span and in the logging context ({@code interactionId}), so a partner's id
 * finds the trace and every log line of its call.
 */
@Singleton
public class InteractionId {

    public static final String HEADER = "x-fapi-interaction-id";
    /** The span attribute and the logging key of the id (OpenTelemetry's naming: lower case, dotted). */
    public static final String SPAN_ATTRIBUTE = "fapi.interaction_id";
    public static final String LOG_KEY = "interactionId";
    private static final String CONTEXT_KEY = "ob.interaction-id";
    private static final Pattern UUID_PATTERN = Pattern
            .compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            String id = resolve(rc.request().getHeader(HEADER));
            rc.put(CONTEXT_KEY, id);
            // Also on the request's context, for code that has no RoutingContext (e.g. outgoing client filters).
            ContextLocals.put(CONTEXT_KEY, id);
            Span.current().setAttribute(SPAN_ATTRIBUTE, id);
            MDC.put(LOG_KEY, id);
            rc.response().headers().set(HEADER, id);
            rc.next();
        });
    }

    /** The interaction id of the request being handled; a fresh one when none was assigned. */
    public static String of(RoutingContext rc) {
        String id = rc == null ? current() : rc.get(CONTEXT_KEY);
        return id != null ? id : UUID.randomUUID().toString();
    }

    /** The interaction id of the request being handled on this Vert.x context, or null outside a request. */
    public static String current() {
        try {
            return ContextLocals.<String>get(CONTEXT_KEY).orElse(null);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            return null;
        }
    }

    public static String resolve(String candidate) {
        if (candidate != null && UUID_PATTERN.matcher(candidate).matches()) {
            return candidate; // echoed as sent, upper case included: the caller matches it byte for byte
        }
        return UUID.randomUUID().toString();
    }
}
