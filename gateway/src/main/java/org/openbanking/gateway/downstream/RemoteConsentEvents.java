package org.openbanking.gateway.downstream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.openbanking.gateway.partner.ConsentEventSource;

import io.smallrye.mutiny.Multi;

/** The event stream of whichever consent-service replica answers: each replica forwards every transition. */
@ApplicationScoped
public class RemoteConsentEvents implements ConsentEventSource {

    @Inject
    @RestClient
    ConsentEventsApi api;

    @Override
    public Multi<Event> subscribe() {
        return api.events();
    }
}
