package org.openbanking.consent.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.openbanking.common.ServiceRoles;
import org.openbanking.consent.service.ConsentEvents;

import io.smallrye.mutiny.Multi;

/** Server-sent events of every consent transition, with a heartbeat each second, for the gateways' caches. */
@Path("/internal/consent-events")
@RolesAllowed(ServiceRoles.GATEWAY)
@Tag(name = "Events (internal)")
public class ConsentEventResource {

    @Inject
    ConsentEvents events;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Transitions of every consent (Type Transition) and this replica's heartbeats (Type Heartbeat)")
    public Multi<ConsentEvents.ConsentEvent> stream() {
        return events.stream();
    }
}
