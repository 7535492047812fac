package org.openbanking.gateway.partner;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openbanking.gateway.edge.TraceAttributes;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * A consent event heard by this gateway, as a span in the trace of the transition that sent it (the event carries its
 * W3C {@code traceparent}): a revocation's trace then shows every gateway dropping its permits.
 */
final class EventTraces {

    // version 00: trace id, parent span id, flags (W3C Trace Context, level 1)
    private static final Pattern TRACEPARENT = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");

    private EventTraces() {
    }

    /** A started span for the event, child of its transition when the event names one; the caller ends it. */
    static Span heard(Tracer tracer, ConsentEventSource.Event event) {
        Context parent = parent(event.traceparent()).map(span -> Context.root().with(Span.wrap(span)))
                .orElse(Context.root());
        return tracer.spanBuilder("consent event " + event.status()).setParent(parent)
                .setAttribute(TraceAttributes.CONSENT_ID, event.consentId()).startSpan();
    }

    static java.util.Optional<SpanContext> parent(String traceparent) {
        Matcher m = traceparent == null ? null : TRACEPARENT.matcher(traceparent);
        if (m == null || !m.matches()) {
            return java.util.Optional.empty();
        }
        SpanContext span = SpanContext.createFromRemoteParent(m.group(1), m.group(2), TraceFlags.fromHex(m.group(3), 0),
                TraceState.getDefault());
        return span.isValid() ? java.util.Optional.of(span) : java.util.Optional.empty();
    }
}
