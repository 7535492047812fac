package org.openbanking.gateway.partner;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.common.ApiException;
import org.openbanking.common.InteractionId;
import org.openbanking.gateway.downstream.ConsentClient;
import org.openbanking.gateway.downstream.ReceiptRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Records access receipts durably before the data is sent, by group commit: while one batch is being written, the
 * receipts of other calls queue, and go together in the next batch (one transaction in consent-service). Alone, a
 * receipt is written at once; under load, many share one write. Each call waits for its own batch: if the batch is not
 * stored, none of its calls sends data (503). Receipt ids are chosen here, so a batch is never stored twice.
 * <p>
 * Traces: a batch is written in a span of its own, the child of its first call's span and linked to every call it
 * carries, so each call's trace shows its receipt being stored (for a batch of one, as a plain child).
 */
@ApplicationScoped
public class ReceiptRecorder {

    static final int MAX_BATCH = 200;

    private record Pending(ReceiptRequest receipt, SpanContext trace, Consumer<Throwable> done) {
    }

    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    @Inject
    ConsentClient consents;
    @Inject
    ObjectMapper mapper;
    @Inject
    MeterRegistry registry;
    @Inject
    Tracer tracer;
    @Inject
    Vertx vertx;

    public Uni<Void> record(String consentId, String partnerId, String resource, List<String> accountIds, int recordCount,
            boolean userPresent) {
        ReceiptRequest receipt = new ReceiptRequest(UUID.randomUUID().toString(), consentId, partnerId, resource,
                accountIds, recordCount, InteractionId.of(null), userPresent);
        Context context = Vertx.currentContext();
        SpanContext trace = Span.current().getSpanContext();
        return Uni.createFrom().emitter(emitter -> {
            queue.add(new Pending(receipt, trace, failure -> {
                // Resume the call on its own context, whichever batch completion got here.
                Runnable resume = () -> {
                    if (failure == null) {
                        emitter.complete(null);
                    } else {
                        emitter.fail(failure);
                    }
                };
                if (context != null) {
                    context.runOnContext(v -> resume.run());
                } else {
                    resume.run();
                }
            }));
            writeNext();
        });
    }

    private void writeNext() {
        if (!writing.compareAndSet(false, true)) {
            return; // the batch in flight will pick the queue up when it is done
        }
        List<Pending> batch = new ArrayList<>();
        for (Pending p = queue.poll(); p != null
                && batch.size() < MAX_BATCH; p = batch.size() < MAX_BATCH ? queue.poll() : null) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            writing.set(false);
            if (!queue.isEmpty()) {
                writeNext(); // a receipt arrived between the poll and the reset
            }
            return;
        }
        registry.summary("gateway_receipt_batch_size").record(batch.size());
        String body;
        try {
            body = mapper.writeValueAsString(new ReceiptRequest.Batch(batch.stream().map(Pending::receipt).toList()));
        } catch (JsonProcessingException e) {
            writing.set(false);
            batch.forEach(p -> p.done().accept(e));
            writeNext();
            return;
        }
        Span span = batchSpan(batch);
        // A context of the batch's own, so that its span is the current one while the write is sent, whichever
        // call's context this runs on.
        Context own = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        own.runOnContext(v -> {
            span.makeCurrent(); // never closed: the context is the batch's alone and is dropped with it
            consents.write(api -> api.record(body)).subscribe().with(response -> {
                int status = response.getStatus();
                response.close();
                finish(batch, span, status == 201
                        ? null
                        : ApiException.unavailable(5, "The access could not be recorded, so no data was sent. Retry later."));
            }, failure -> finish(batch, span,
                    ApiException.unavailable(5, "The access could not be recorded, so no data was sent. Retry later.")));
        });
    }

    private Span batchSpan(List<Pending> batch) {
        SpanBuilder builder = tracer.spanBuilder("receipt batch")
                .setParent(io.opentelemetry.context.Context.root().with(Span.wrap(batch.get(0).trace())))
                .setAttribute("ob.receipt_batch_size", batch.size());
        batch.stream().skip(1).map(Pending::trace).filter(SpanContext::isValid).forEach(builder::addLink);
        return builder.startSpan();
    }

    private void finish(List<Pending> batch, Span span, Throwable failure) {
        registry.counter("gateway_receipt_batches", "outcome", failure == null ? "stored" : "failed").increment();
        if (failure != null) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
        writing.set(false);
        batch.forEach(p -> p.done().accept(failure));
        writeNext();
    }
}
