package org.openbanking.accounts.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
    @Operation(summary = "Banded facts of each of the consent's accounts (accountIds), for matching offers inside the platform")
    public Uni<FactsView> facts(@PathParam("userId") String userId, @QueryParam("accountIds") String accountIds) {
        return facts.factsOf(userId, accountIds == null ? List.of() : List.of(accountIds.split(",", -1)))
                .map(list -> new FactsView(new FactsView.Data(userId, list.stream()
                        .map(f -> new FactsView.AccountFacts(f.accountId(),
                                new Amount(Money.format(f.averageBalanceBand()), "EUR"),
                                new Amount(Money.format(f.monthlyIncomeBand()), "EUR"), f.accountType()))
                        .toList())));
    }
}
