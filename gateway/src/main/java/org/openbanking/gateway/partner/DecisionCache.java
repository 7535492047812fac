package org.openbanking.gateway.partner;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.openbanking.gateway.config.GatewayConfig;
import org.openbanking.gateway.downstream.Decision;

import com.github.benmanes.caffeine.cache.Ticker;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.Vertx;

/**
 * Permits of consent-service, kept for a while so that a partner's calls need not each ask it, and dropped the moment
 * consent-service says the consent changed.
 * <p>
 * Safe because it fails closed: the cache is used only while the event stream is alive, i.e. a heartbeat (sent through
 * PostgreSQL by consent-service every second) arrived within {@code stale-after}. When the stream stops, fails or
 * reconnects, everything cached is dropped, since events may have been missed. A permit is cached only if no event
 * arrived while it was being fetched, so a revocation that crosses a decision in flight is never undone by it.
 * <p>
 * Heartbeats alone do not prove that nothing was missed: consent-service's listener may lose its connection to
 * PostgreSQL, miss the notifications sent meanwhile, and reconnect. Every event carries the listener's epoch; when it
 * changes, everything cached (and every decision in flight) is dropped, exactly as on a reconnect of the stream.
 */
@ApplicationScoped
public class DecisionCache {

    private static final Logger LOG = Logger.getLogger(DecisionCache.class);

    private BoundedPermits entries;
    private final AtomicLong events = new AtomicLong();
    private volatile long lastHeartbeat;
    private volatile String epoch;
    private volatile boolean stopped;
    private volatile Cancellable subscription;

    @Inject
    ConsentEventSource source;
    @Inject
    GatewayConfig config;
    @Inject
    Vertx vertx;
    @Inject
    MeterRegistry registry;
    @Inject
    Tracer tracer;

    @PostConstruct
    void bound() {
        entries = new BoundedPermits(config.decisionCache().maxEntries(), config.decisionCache().ttl(), Ticker.systemTicker());
        registry.gauge("gateway_decision_cache_size", entries, BoundedPermits::size);
    }

    void start(@Observes StartupEvent event) {
        if (config.decisionCache().enabled()) {
            connect();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (subscription != null) {
            subscription.cancel();
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        subscription = source.subscribe().subscribe().with(this::onEvent, failure -> lost("failed: " + failure),
                () -> lost("ended"));
    }

    private void onEvent(ConsentEventSource.Event event) {
        if (!java.util.Objects.equals(epoch, event.epoch())) {
            // Another epoch (or the first event of this subscription): what was cached may have missed events.
            epoch = event.epoch();
            events.incrementAndGet();
            entries.clear();
        }
        if (ConsentEventSource.HEARTBEAT.equals(event.type())) {
            lastHeartbeat = System.nanoTime();
        } else if (event.consentId() != null) {
            Span span = EventTraces.heard(tracer, event);
            events.incrementAndGet();
            entries.remove(event.consentId());
            span.end();
        }
    }

    private void lost(String why) {
        lastHeartbeat = 0;
        epoch = null;
        events.incrementAndGet();
        entries.clear();
        if (!stopped) {
            LOG.debugf("Consent event stream %s; the decision cache is off until it is back", why);
            vertx.setTimer(500, t -> connect());
        }
    }

    /** The stream proved alive recently enough to trust what is cached. */
    public boolean live() {
        long last = lastHeartbeat;
        return config.decisionCache().enabled() && last != 0
                && System.nanoTime() - last < config.decisionCache().staleAfter().toNanos();
    }

    /** Taken before a decision is fetched, and given back to {@link #put}. */
    public long mark() {
        return events.get();
    }

    public void put(String partnerId, String consentId, Decision decision, long mark) {
        if (decision.permitted() && live() && events.get() == mark) {
            entries.put(partnerId, consentId, decision);
        }
    }

    public Optional<Decision> get(String partnerId, String consentId) {
        if (!live()) {
            entries.clear();
            return Optional.empty();
        }
        // A consent belongs to one partner: another partner's call finds nothing here and asks consent-service.
        return entries.get(partnerId, consentId);
    }
}
