package org.openbanking.gateway.downstream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.openbanking.gateway.partner.ConsentEventSource;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Multi;

/** consent-service's stream of consent transitions and heartbeats (server-sent events). */
@RegisterRestClient(configKey = "consent-service")
@OidcClientFilter
@Path("/internal/consent-events")
interface ConsentEventsApi {

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    Multi<ConsentEventSource.Event> events();
}
