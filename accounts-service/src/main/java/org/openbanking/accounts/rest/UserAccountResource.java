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
import org.openbanking.accounts.config.AccountsConfig;
import org.openbanking.accounts.service.AccountReadService;
import org.openbanking.common.ServiceRoles;

import io.smallrye.mutiny.Uni;

/** A user's own accounts across banks: for the dashboard (via the gateway) and consent-service's ownership check. */
@Path("/internal/users/{userId}/accounts")
@RolesAllowed({ServiceRoles.GATEWAY, ServiceRoles.CONSENT})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "User accounts (internal)")
public class UserAccountResource {

    @Inject
    AccountReadService reads;
    @Inject
    AccountsConfig config;

    @GET
    @Operation(summary = "The user's accounts, with full identification and the bank")
    public Uni<AccountView> accounts(@PathParam("userId") String userId) {
        return reads.ownAccounts(userId)
                .map(list -> AccountViews.accounts(list, true, true, config.publicBaseUrl() + "/me/accounts"));
    }
}
