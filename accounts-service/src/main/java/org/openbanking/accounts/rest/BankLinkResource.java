package org.openbanking.accounts.rest;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.openbanking.accounts.config.AccountsConfig;
import org.openbanking.accounts.service.BankLinkService;
import org.openbanking.common.ServiceRoles;

import io.smallrye.mutiny.Uni;

/** A user's bank links, for the gateway's {@code /me/bank-links}: the user is named by the gateway, from the token. */
@Path("/internal/users/{userId}/bank-links")
@RolesAllowed(ServiceRoles.GATEWAY)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Bank links (internal)")
public class BankLinkResource {

    static final String SELF = "/me/bank-links";

    @Inject
    BankLinkService links;
    @Inject
    AccountsConfig config;

    @GET
    @Operation(summary = "The user's live links: pending (code not yet redeemed) and linked")
    public Uni<BankLinkView.Many> live(@PathParam("userId") String userId) {
        return links.live(userId).map(list -> new BankLinkView.Many(
                new BankLinkView.Data(list.stream().map(l -> BankLinkView.Link.of(l, null)).toList()),
                new AccountView.Links(config.publicBaseUrl() + SELF, null), Map.of()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "A one-time code (15 minutes) for the user to give to that bank; 409 if already linked")
    public Uni<BankLinkView.One> create(@PathParam("userId") String userId, BankLinkView.Request request) {
        return links.create(userId, request == null ? null : request.bankId())
                .map(created -> new BankLinkView.One(BankLinkView.Link.of(created.link(), created.code()),
                        new AccountView.Links(config.publicBaseUrl() + SELF, null), Map.of()));
    }

    @DELETE
    @Path("/{bankId}")
    @Operation(summary = "Unlink: the bank's accounts are hidden at once; returns them, for revoking the consents")
    public Uni<BankLinkView.Unlinked> unlink(@PathParam("userId") String userId, @PathParam("bankId") String bankId) {
        return links.unlink(userId, bankId)
                .map(ids -> new BankLinkView.Unlinked(new BankLinkView.UnlinkedData(ids)));
    }
}
