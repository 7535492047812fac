package org.openbanking.gateway.bank;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openbanking.gateway.downstream.AccountsClient;
import org.openbanking.gateway.downstream.OffersClient;
import org.openbanking.gateway.downstream.Relay;
import org.openbanking.gateway.edge.Caller;

import io.smallrye.mutiny.Uni;

/** The bank API: the bank is the token's {@code bank_id}; it sees and changes only its own offers and accounts. */
@Path("/banks")
@RolesAllowed("bank")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Bank")
public class BankApiResource {

    @Inject
    Caller caller;
    @Inject
    OffersClient offers;
    @Inject
    AccountsClient accounts;

    @POST
    @Path("/offers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a draft offer (idempotent by x-idempotency-key)")
    public Uni<Response> create(@HeaderParam("x-idempotency-key") String idempotencyKey, String body) {
        String bank = caller.bankId();
        return offers.write(api -> api.create(bank, idempotencyKey, body)).map(Relay::of);
    }

    @PUT
    @Path("/offers/{offerId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a draft offer")
    public Uni<Response> update(@PathParam("offerId") String offerId, String body) {
        String bank = caller.bankId();
        return offers.write(api -> api.update(bank, offerId, body)).map(Relay::of);
    }

    @POST
    @Path("/offers/{offerId}/publish")
    @Operation(summary = "Publish a draft")
    public Uni<Response> publish(@PathParam("offerId") String offerId) {
        String bank = caller.bankId();
        return offers.write(api -> api.action(bank, offerId, "publish")).map(Relay::of);
    }

    @POST
    @Path("/offers/{offerId}/withdraw")
    @Operation(summary = "Withdraw an offer")
    public Uni<Response> withdraw(@PathParam("offerId") String offerId) {
        String bank = caller.bankId();
        return offers.write(api -> api.action(bank, offerId, "withdraw")).map(Relay::of);
    }

    @GET
    @Path("/offers")
    @Operation(summary = "The bank's offers")
    public Uni<Response> list() {
        String bank = caller.bankId();
        return offers.read(api -> api.list(bank)).map(Relay::of);
    }

    @GET
    @Path("/offers/{offerId}")
    @Operation(summary = "One of the bank's offers")
    public Uni<Response> get(@PathParam("offerId") String offerId) {
        String bank = caller.bankId();
        return offers.read(api -> api.get(bank, offerId)).map(Relay::of);
    }

    @GET
    @Path("/offers/{offerId}/stats")
    @Operation(summary = "Counts only, suppressed below 5 users")
    public Uni<Response> stats(@PathParam("offerId") String offerId) {
        String bank = caller.bankId();
        return offers.read(api -> api.stats(bank, offerId)).map(Relay::of);
    }

    @POST
    @Path("/customer-links")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Redeem a customer's one-time link code for this bank's CustomerRef")
    public Uni<Response> redeem(String body) {
        String bank = caller.bankId();
        return accounts.write(api -> api.redeem(bank, body)).map(Relay::of);
    }

    @PUT
    @Path("/customers/{customerRef}/accounts/{accountId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Load one of the bank's accounts for its linked customer")
    public Uni<Response> upsert(@PathParam("customerRef") String customerRef, @PathParam("accountId") String accountId,
            String body) {
        String bank = caller.bankId();
        return accounts.write(api -> api.upsert(bank, customerRef, accountId, body)).map(Relay::of);
    }

    @POST
    @Path("/customers/{customerRef}/accounts/{accountId}/transactions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Load up to 1,000 transactions, idempotent by transaction id")
    public Uni<Response> load(@PathParam("customerRef") String customerRef, @PathParam("accountId") String accountId,
            String body) {
        String bank = caller.bankId();
        return accounts.write(api -> api.load(bank, customerRef, accountId, body)).map(Relay::of);
    }
}
