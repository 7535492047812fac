package org.openbanking.gateway.downstream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/** consent-service's internal API, called with the gateway's own client-credentials token. */
@RegisterRestClient(configKey = "consent-service")
@RegisterProvider(Downstream.InteractionIdFilter.class)
@OidcClientFilter
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ConsentApi {

    @POST
    @Path("/partners/{partnerId}/consents")
    Uni<Response> create(@PathParam("partnerId") String partnerId, @HeaderParam("x-idempotency-key") String key, String body);

    @GET
    @Path("/partners/{partnerId}/consents/{consentId}")
    Uni<Response> get(@PathParam("partnerId") String partnerId, @PathParam("consentId") String consentId);

    @DELETE
    @Path("/partners/{partnerId}/consents/{consentId}")
    Uni<Response> revokeByPartner(@PathParam("partnerId") String partnerId, @PathParam("consentId") String consentId);

    @POST
    @Path("/partners/{partnerId}/access-decisions")
    Uni<Response> decide(@PathParam("partnerId") String partnerId, DecisionRequest request);

    @PUT
    @Path("/partners/{partnerId}")
    Uni<Response> registerPartner(@PathParam("partnerId") String partnerId, Registration registration);

    @POST
    @Path("/partners/{partnerId}/{action}")
    Uni<Response> partnerAction(@PathParam("partnerId") String partnerId, @PathParam("action") String action);

    @POST
    @Path("/partners/{partnerId}/frequency-reservations/{reservationId}/release")
    Uni<Response> release(@PathParam("partnerId") String partnerId, @PathParam("reservationId") String reservationId);

    @POST
    @Path("/users/{userId}/consents/revoke-covering")
    Uni<Response> revokeCovering(@PathParam("userId") String userId, String body);

    @POST
    @Path("/receipts")
    Uni<Response> record(String body);

    @GET
    @Path("/users/{userId}/consents")
    Uni<Response> userConsents(@PathParam("userId") String userId, @QueryParam("status") String status);

    @GET
    @Path("/users/{userId}/consents/{consentId}")
    Uni<Response> userConsent(@PathParam("userId") String userId, @PathParam("consentId") String consentId);

    @GET
    @Path("/users/{userId}/consents/{consentId}/history")
    Uni<Response> history(@PathParam("userId") String userId, @PathParam("consentId") String consentId);

    @POST
    @Path("/users/{userId}/consents/{consentId}/{action}")
    Uni<Response> userAction(@PathParam("userId") String userId, @PathParam("consentId") String consentId,
            @PathParam("action") String action, String body);

    @GET
    @Path("/users/{userId}/receipts")
    Uni<Response> receipts(@PathParam("userId") String userId, @QueryParam("consentId") String consentId,
            @QueryParam("partnerId") String partnerId, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page-token") String pageToken);

    @GET
    @Path("/users/{userId}/access-counts")
    Uni<Response> accessCounts(@PathParam("userId") String userId);

    @GET
    @Path("/users/{userId}/blocked-partners")
    Uni<Response> blocked(@PathParam("userId") String userId);

    @PUT
    @Path("/users/{userId}/blocked-partners/{partnerId}")
    Uni<Response> block(@PathParam("userId") String userId, @PathParam("partnerId") String partnerId);

    @DELETE
    @Path("/users/{userId}/blocked-partners/{partnerId}")
    Uni<Response> unblock(@PathParam("userId") String userId, @PathParam("partnerId") String partnerId);
}
