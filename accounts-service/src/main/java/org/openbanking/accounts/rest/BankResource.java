package org.openbanking.accounts.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.openbanking.accounts.service.BankLoadService;
import org.openbanking.common.ServiceRoles;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.mutiny.Uni;

/**
 * Banks load their customers' data through the gateway; {@code bankId} is the {@code bank_id} of the bank's token and
 * {@code customerRef} the reference the bank got for its customer's link code.
 */
@Path("/internal/banks/{bankId}/customers/{customerRef}/accounts/{accountId}")
@RolesAllowed(ServiceRoles.GATEWAY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Bank load (internal)")
public class BankResource {

    public record Loaded(@JsonProperty("AccountId") String accountId, @JsonProperty("BankAccountId") String bankAccountId,
            @JsonProperty("Loaded") Integer loaded) {
    }

    @Inject
    BankLoadService load;

    @PUT
    @Operation(summary = "Create or update one of the bank's accounts for its customer, with balances")
    public Uni<RestResponse<Loaded>> upsert(@PathParam("bankId") String bankId, @PathParam("customerRef") String customerRef,
            @PathParam("accountId") String accountId, AccountLoad body) {
        return load.upsertAccount(bankId, customerRef, accountId, body).map(u -> RestResponse.status(
                u.created() ? RestResponse.Status.CREATED : RestResponse.Status.OK,
                new Loaded(u.account().id, u.account().bankAccountId, null)));
    }

    @POST
    @Path("/transactions")
    @Operation(summary = "Load up to 1,000 transactions, all or nothing; known transaction ids are skipped")
    public Uni<Loaded> transactions(@PathParam("bankId") String bankId, @PathParam("customerRef") String customerRef,
            @PathParam("accountId") String accountId, TransactionBatch batch) {
        return load.loadTransactions(bankId, customerRef, accountId, batch).map(n -> new Loaded(null, accountId, n));
    }
}
