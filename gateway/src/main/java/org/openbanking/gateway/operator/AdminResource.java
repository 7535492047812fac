package org.openbanking.gateway.operator;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.openbanking.common.ApiException;
import org.openbanking.common.ErrorCodes;
import org.openbanking.gateway.edge.Caller;

import io.smallrye.common.annotation.Blocking;

/**
 * The operator API: partners and banks as OIDC clients in Keycloak. Blocking: Keycloak's admin client is, so these
 * run on worker threads, away from the event loop that serves partners.
 */
@Path("/admin")
@RolesAllowed("platform-admin")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Operator")
public class AdminResource {

    @Inject
    OnboardingService onboarding;
    @Inject
    Caller caller;

    @POST
    @Path("/partners")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Onboard a partner: a confidential client (client credentials only); the secret is shown once")
    public RestResponse<AdminViews.Partner> onboardPartner(@HeaderParam("x-idempotency-key") String idempotencyKey,
            AdminViews.PartnerRequest request) {
        if (request == null) {
            throw ApiException.badRequest(ErrorCodes.FIELD_MISSING, null, "A body is required");
        }
        OnboardingService.Onboarded done = onboarding.onboardPartner(request.name(), request.contact(), request.redirectUris(),
                caller.userId(), idempotencyKey);
        return RestResponse.status(RestResponse.Status.CREATED, view(done.client(), done.secret()));
    }

    @GET
    @Path("/partners")
    @Operation(summary = "Every partner, without secrets")
    public AdminViews.Partners partners() {
        return new AdminViews.Partners(new AdminViews.Data(onboarding.partners().stream().map(c -> view(c, null)).toList()));
    }

    @GET
    @Path("/partners/{partnerId}")
    @Operation(summary = "One partner, without its secret")
    public AdminViews.Partner partner(@PathParam("partnerId") String partnerId) {
        return view(onboarding.partner(partnerId), null);
    }

    @POST
    @Path("/partners/{partnerId}/rotate-secret")
    @Operation(summary = "A new secret; the old one stops working at once")
    public AdminViews.Secret rotate(@PathParam("partnerId") String partnerId) {
        return new AdminViews.Secret(partnerId, onboarding.rotateSecret(partnerId));
    }

    @POST
    @Path("/partners/{partnerId}/suspend")
    @Operation(summary = "Revoke every live consent of the partner and disable its client")
    public AdminViews.Partner suspend(@PathParam("partnerId") String partnerId) {
        return view(onboarding.suspend(partnerId), null);
    }

    @POST
    @Path("/partners/{partnerId}/reinstate")
    @Operation(summary = "Enable the partner's client again; revoked consents stay revoked")
    public AdminViews.Partner reinstate(@PathParam("partnerId") String partnerId) {
        return view(onboarding.reinstate(partnerId), null);
    }

    @POST
    @Path("/banks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Onboard a bank: a confidential client whose tokens carry bank_id; the secret is shown once")
    public RestResponse<AdminViews.Bank> onboardBank(@HeaderParam("x-idempotency-key") String idempotencyKey,
            AdminViews.BankRequest request) {
        if (request == null) {
            throw ApiException.badRequest(ErrorCodes.FIELD_MISSING, null, "A body is required");
        }
        OnboardingService.Onboarded done = onboarding.onboardBank(request.bankId(), request.name(), caller.userId(),
                idempotencyKey);
        return RestResponse.status(RestResponse.Status.CREATED,
                new AdminViews.Bank(done.client().clientId(), done.client().clientId(), done.secret()));
    }

    private static AdminViews.Partner view(PartnerDirectory.Client c, String secret) {
        return new AdminViews.Partner(c.clientId(), c.clientId(), secret, c.name(), c.contact(), c.redirectUris(),
                c.enabled() ? "Active" : "Suspended");
    }
}
