package org.openbanking.consent.service;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.openbanking.common.DateTimes;
import org.openbanking.consent.model.ConsentStatus;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Consent transitions, fanned out to every gateway replica within a second.
 * <p>
 * A transition sends {@code pg_notify} inside its own transaction, so PostgreSQL delivers it to every consent-service
 * replica's listener exactly when it commits (and never when it rolls back). Each replica forwards what it hears to
 * the gateways subscribed to its server-sent-event stream. Each replica also sends a heartbeat through PostgreSQL every
 * second and forwards only its own: a gateway that hears heartbeats knows that the whole path (database, listener,
 * stream) works, and one that stops hearing them stops trusting its cache.
 * <p>
 * Notifications sent while the listener is disconnected are lost, and heartbeats resume once it reconnects. So every
 * event carries the listener's epoch (this process and how many times its LISTEN was issued): a gateway that sees the
 * epoch change knows it may have missed events and drops everything it cached. The first heartbeat of a new epoch is
 * sent as soon as LISTEN is issued again.
 */
@ApplicationScoped
public class ConsentEvents {

    static final String CHANNEL = "consent_events";
    public static final String TRANSITION = "Transition";
    public static final String HEARTBEAT = "Heartbeat";

    private static final Logger LOG = Logger.getLogger(ConsentEvents.class);

    /** One event on the stream. */
    public record ConsentEvent(
            @JsonProperty("Type") String type,
            @JsonProperty("ConsentId") String consentId,
            @JsonProperty("Status") String status,
            @JsonProperty("Node") String node,
            @JsonProperty("DateTime") String dateTime,
            /** Set on the stream only: the listener epoch of the replica that forwards it. */
            @JsonProperty("Epoch") String epoch,
            /** The W3C trace context of the transition, so that what gateways do on hearing it joins its trace. */
            @JsonProperty("Traceparent") String traceparent) {

        ConsentEvent inEpoch(String epoch) {
            return new ConsentEvent(type, consentId, status, node, dateTime, epoch, traceparent);
        }
    }

    private final BroadcastProcessor<ConsentEvent> processor = BroadcastProcessor.create();
    private final String node = UUID.randomUUID().toString();
    /** How many times this replica's listener issued LISTEN; changes on every reconnect. */
    private final AtomicLong listens = new AtomicLong();

    @Inject
    Vertx vertx;
    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;
    @Inject
    Clock clock;
    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String username;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    private PgSubscriber subscriber;

    void start(@Observes StartupEvent event) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                .setUser(username)
                .setPassword(password);
        subscriber = PgSubscriber.subscriber(vertx, options)
                // Keep trying for as long as the service runs: while the listener is down no heartbeat is forwarded,
                // so the gateways fail closed instead of trusting a stream that hears nothing.
                .reconnectPolicy(retries -> Math.min(1000L, 100L << Math.min(retries, 4)));
        // Called each time LISTEN is issued, first and after every reconnect: a new epoch, announced at once.
        subscriber.channel(CHANNEL).subscribeHandler(() -> {
            listens.incrementAndGet();
            heartbeat().subscribe().with(ignored -> {
            });
        }).handler(this::onNotification);
        subscriber.connect().subscribe().with(
                ok -> LOG.info("Listening for consent transitions"),
                failure -> LOG.warn("Consent event listener could not connect yet; retrying", failure));
    }

    /**
     * This replica was told to stop (SIGTERM): every stream ends now, so that the gateways subscribe to another replica
     * (each reconnects within 500 ms and, as on every reconnect, drops its cache), while new subscriptions are refused
     * like every new call (GracefulStop). A stream is a request that never ends: left open, it would hold the stop's
     * wait for the calls under way (the receipt writes among them) until its timeout.
     */
    void endStreams(@Observes ShutdownDelayInitiatedEvent event) {
        processor.onComplete();
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
        processor.onComplete();
    }

    /** Publishes a transition from inside the caller's transaction: delivered if, and when, it commits. */
    public Uni<Void> publishInTransaction(String consentId, ConsentStatus status) {
        String payload = json(new ConsentEvent(TRANSITION, consentId, status.name(), node, DateTimes.format(clock.instant()),
                null, traceparent()));
        return Panache.getSession()
                .chain(session -> session
                        .createNativeQuery("select count(*) from (select pg_notify(:channel, :payload)) n", Long.class)
                        .setParameter("channel", CHANNEL)
                        .setParameter("payload", payload)
                        .getSingleResult())
                .replaceWithVoid();
    }

    @Scheduled(every = "${consent.heartbeat-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> heartbeat() {
        String payload = json(new ConsentEvent(HEARTBEAT, null, null, node, DateTimes.format(clock.instant()), null, null));
        return pool.preparedQuery("select pg_notify($1, $2)").execute(Tuple.of(CHANNEL, payload))
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.debug("Heartbeat not sent", e))
                .onFailure().recoverWithNull();
    }

    /**
     * Transitions from every replica, and this replica's own heartbeats. A subscriber that falls more than 1,024 events
     * behind loses its stream rather than an event: it reconnects and, as on every reconnect, drops its cache.
     */
    public Multi<ConsentEvent> stream() {
        return processor.filter(e -> !HEARTBEAT.equals(e.type()) || node.equals(e.node()))
                .map(e -> e.inEpoch(epoch()))
                .onOverflow().buffer(1024);
    }

    /** This replica's listener epoch: what a gateway compares to know it missed nothing. */
    public String epoch() {
        return node + ":" + listens.get();
    }

    private void onNotification(String payload) {
        try {
            processor.onNext(mapper.readValue(payload, ConsentEvent.class));
        } catch (JsonProcessingException e) {
            LOG.warn("Ignoring a malformed consent event");
        }
    }

    /** The current span as a W3C {@code traceparent}, or null outside a trace (tracing off, or no request). */
    static String traceparent() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid()
                ? "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex()
                : null;
    }

    private String json(ConsentEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
