package org.openbanking.accounts.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openbanking.accounts.service.FactsService;
import org.openbanking.accounts.service.Money;
import org.openbanking.common.ServiceRoles;

import io.smallrye.mutiny.Uni;

/** Eligibility facts: partner-offers-service's service account only. The gateway has no route here. */
@Path("/internal/users/{userId}/facts")
@RolesAllowed(ServiceRoles.OFFERS)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Eligibility facts (internal)")
public class FactsResource {

    @Inject
    FactsService facts;

    @GET
    @Operation(summary = "Banded facts for matching offers inside the platform")
    public Uni<FactsView> facts(@PathParam("userId") String userId) {
        return facts.factsOf(userId).map(f -> new FactsView(new FactsView.Data(f.userId(),
                new Amount(Money.format(f.averageBalanceBand()), "EUR"),
                new Amount(Money.format(f.monthlyIncomeBand()), "EUR"), f.accountTypes())));
    }
}
