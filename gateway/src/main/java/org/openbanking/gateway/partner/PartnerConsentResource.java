package org.openbanking.gateway.partner;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openbanking.gateway.downstream.ConsentClient;
import org.openbanking.gateway.downstream.Relay;
import org.openbanking.gateway.edge.Caller;
import org.openbanking.gateway.edge.PartnerRateLimited;

import io.smallrye.mutiny.Uni;

/** A partner's consents. The partner is the token's client id; consent-service enforces every rule. */
@Path("/open-banking/v3.1/aisp/account-access-consents")
@RolesAllowed("partner")
@PartnerRateLimited
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Partner: consents")
public class PartnerConsentResource {

    @Inject
    Caller caller;
    @Inject
    ConsentClient consents;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request a consent; it awaits the user's authorisation")
    public Uni<Response> create(@HeaderParam("x-idempotency-key") String idempotencyKey, String body) {
        String partner = caller.partnerId();
        return consents.write(api -> api.create(partner, idempotencyKey, body)).map(Relay::of);
    }

    @GET
    @Path("/{consentId}")
    @Operation(summary = "One of the partner's consents")
    public Uni<Response> get(@PathParam("consentId") String consentId) {
        String partner = caller.partnerId();
        return consents.read(api -> api.get(partner, consentId)).map(Relay::of);
    }

    @DELETE
    @Path("/{consentId}")
    @Operation(summary = "Revoke the consent (or withdraw a request still awaiting the user)")
    public Uni<Response> revoke(@PathParam("consentId") String consentId) {
        String partner = caller.partnerId();
        return consents.write(api -> api.revokeByPartner(partner, consentId)).map(Relay::of);
    }
}
