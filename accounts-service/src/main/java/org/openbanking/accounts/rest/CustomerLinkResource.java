package org.openbanking.accounts.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.openbanking.accounts.service.BankLinkService;
import org.openbanking.common.DateTimes;
import org.openbanking.common.ServiceRoles;

import io.smallrye.mutiny.Uni;

/** A bank redeems its customer's link code; {@code bankId} is the {@code bank_id} of the bank's token. */
@Path("/internal/banks/{bankId}/customer-links")
@RolesAllowed(ServiceRoles.GATEWAY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Bank links (internal)")
public class CustomerLinkResource {

    @Inject
    BankLinkService links;

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Redeem a link code for this bank's CustomerRef (single use; 404 unknown, expired or another bank's; 409 used)")
    public Uni<BankLinkView.CustomerLink> redeem(@PathParam("bankId") String bankId, BankLinkView.Redeem body) {
        return links.redeem(bankId, body == null ? null : body.linkCode()).map(link -> new BankLinkView.CustomerLink(
                link.customerRef, link.bankId, DateTimes.format(link.linkedAt)));
    }
}
