package org.openbanking.gateway.downstream;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.openbanking.common.DateTimes;
import org.openbanking.gateway.partner.ConsentEventSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;

/**
 * The event stream of whichever consent-service replica answers: each replica forwards every transition. Each event's
 * lag (its arrival here minus the time consent-service published it) is {@code gateway_consent_event_lag}, by type:
 * heartbeats measure the path all the time, transitions (revocations among them) when they happen. The budget is 1 s
 * (README), hence a bucket at 1 s.
 */
@ApplicationScoped
public class RemoteConsentEvents implements ConsentEventSource {

    @Inject
    @RestClient
    ConsentEventsApi api;
    @Inject
    MeterRegistry registry;

    @Override
    public Multi<Event> subscribe() {
        return api.events().invoke(this::measure);
    }

    void measure(Event event) {
        Instant published = DateTimes.parse(event.dateTime());
        if (published == null || !(HEARTBEAT.equals(event.type()) || TRANSITION.equals(event.type()))) {
            return; // an older consent-service sends no time; an unknown type would be an unbounded tag
        }
        // A clock behind consent-service's would give a negative lag: counted as none.
        Duration lag = Duration.between(published, Instant.now());
        Timer.builder("gateway_consent_event_lag")
                .description("Arrival of a consent event at the gateway minus its publication by consent-service")
                .tag("type", event.type())
                .serviceLevelObjectives(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
                        Duration.ofSeconds(2), Duration.ofSeconds(5))
                .register(registry)
                .record(lag.isNegative() ? Duration.ZERO : lag);
    }
}
