package org.openbanking.gateway;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.openbanking.gateway.partner.ConsentEventSource;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/** consent-service's event stream in the gateway's own tests: the test sends the events. */
@Alternative
@Priority(1)
@ApplicationScoped
public class FakeEvents implements ConsentEventSource {

    private final BroadcastProcessor<Event> events = BroadcastProcessor.create();

    @Override
    public Multi<Event> subscribe() {
        return events;
    }

    void send(Event event) {
        events.onNext(event);
    }
}
