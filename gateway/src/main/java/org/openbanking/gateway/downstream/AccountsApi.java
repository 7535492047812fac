package org.openbanking.gateway.downstream;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;

/** accounts-service's internal API (never its facts: the gateway has no route to them). */
@RegisterRestClient(configKey = "accounts-service")
@RegisterProvider(Downstream.InteractionIdFilter.class)
@OidcClientFilter
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface AccountsApi {

    /** The consent's grant, as consent-service named it, which accounts-service applies again. */
    class Scope {

        @QueryParam("accountIds")
        public String accountIds;
        @QueryParam("resources")
        public String resources;
        @QueryParam("detail")
        public String detail;
        @QueryParam("creditDebit")
        public String creditDebit;
        @QueryParam("transactionFrom")
        public String transactionFrom;
        @QueryParam("transactionTo")
        public String transactionTo;
    }

    @GET
    @Path("/users/{userId}/scoped-accounts")
    Uni<Response> accounts(@PathParam("userId") String userId, @BeanParam Scope scope);

    @GET
    @Path("/users/{userId}/scoped-accounts/{accountId}")
    Uni<Response> account(@PathParam("userId") String userId, @PathParam("accountId") String accountId,
            @BeanParam Scope scope);

    @GET
    @Path("/users/{userId}/scoped-accounts/{accountId}/balances")
    Uni<Response> balances(@PathParam("userId") String userId, @PathParam("accountId") String accountId,
            @BeanParam Scope scope);

    @GET
    @Path("/users/{userId}/scoped-accounts/{accountId}/transactions")
    Uni<Response> transactions(@PathParam("userId") String userId, @PathParam("accountId") String accountId,
            @BeanParam Scope scope, @QueryParam("fromBookingDateTime") String from, @QueryParam("toBookingDateTime") String to,
            @QueryParam("page-token") String pageToken);

    @GET
    @Path("/users/{userId}/accounts")
    Uni<Response> own(@PathParam("userId") String userId);

    @GET
    @Path("/users/{userId}/bank-links")
    Uni<Response> bankLinks(@PathParam("userId") String userId);

    @POST
    @Path("/users/{userId}/bank-links")
    Uni<Response> createBankLink(@PathParam("userId") String userId, String body);

    @DELETE
    @Path("/users/{userId}/bank-links/{bankId}")
    Uni<Response> unlink(@PathParam("userId") String userId, @PathParam("bankId") String bankId);

    @POST
    @Path("/banks/{bankId}/customer-links")
    Uni<Response> redeem(@PathParam("bankId") String bankId, String body);

    @PUT
    @Path("/banks/{bankId}/customers/{customerRef}/accounts/{accountId}")
    Uni<Response> upsert(@PathParam("bankId") String bankId, @PathParam("customerRef") String customerRef,
            @PathParam("accountId") String accountId, String body);

    @POST
    @Path("/banks/{bankId}/customers/{customerRef}/accounts/{accountId}/transactions")
    Uni<Response> load(@PathParam("bankId") String bankId, @PathParam("customerRef") String customerRef,
            @PathParam("accountId") String accountId, String body);
}
