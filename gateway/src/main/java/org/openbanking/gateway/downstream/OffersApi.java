package org.openbanking.gateway.downstream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

/** partner-offers-service's internal API. */
@RegisterRestClient(configKey = "partner-offers-service")
@RegisterProvider(Downstream.InteractionIdFilter.class)
@OidcClientFilter
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface OffersApi {

    @GET
    @Path("/partners/{partnerId}/placements")
    Uni<Response> placements(@PathParam("partnerId") String partnerId, @QueryParam("consentId") String consentId,
            @QueryParam("userId") String userId, @QueryParam("accountIds") String accountIds);

    @POST
    @Path("/partners/{partnerId}/placements/{placementId}/events")
    Uni<Response> event(@PathParam("partnerId") String partnerId, @PathParam("placementId") String placementId, String body);

    @PUT
    @Path("/banks/{bankId}")
    Uni<Response> registerBank(@PathParam("bankId") String bankId, Registration registration);

    @POST
    @Path("/banks/{bankId}/offers")
    Uni<Response> create(@PathParam("bankId") String bankId, @HeaderParam("x-idempotency-key") String key, String body);

    @PUT
    @Path("/banks/{bankId}/offers/{offerId}")
    Uni<Response> update(@PathParam("bankId") String bankId, @PathParam("offerId") String offerId, String body);

    @POST
    @Path("/banks/{bankId}/offers/{offerId}/{action}")
    Uni<Response> action(@PathParam("bankId") String bankId, @PathParam("offerId") String offerId,
            @PathParam("action") String action);

    @GET
    @Path("/banks/{bankId}/offers")
    Uni<Response> list(@PathParam("bankId") String bankId);

    @GET
    @Path("/banks/{bankId}/offers/{offerId}")
    Uni<Response> get(@PathParam("bankId") String bankId, @PathParam("offerId") String offerId);

    @GET
    @Path("/banks/{bankId}/offers/{offerId}/stats")
    Uni<Response> stats(@PathParam("bankId") String bankId, @PathParam("offerId") String offerId);
}
