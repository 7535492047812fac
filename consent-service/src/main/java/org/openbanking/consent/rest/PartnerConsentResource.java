package org.openbanking.consent.rest;

import java.time.Clock;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;
import org.openbanking.common.ApiException;
import org.openbanking.common.ErrorCodes;
import org.openbanking.common.ServiceRoles;
import org.openbanking.consent.config.ConsentConfig;
import org.openbanking.consent.model.Consent;
import org.openbanking.consent.service.AccessDecisionService;
import org.openbanking.consent.service.PartnerConsentService;
import org.openbanking.consent.service.PartnerService;

import io.smallrye.mutiny.Uni;

/**
 * What the gateway does for a partner. The partner id in the path is the one the gateway took from the partner's
 * verified token; every rule about which consents it may see or change is enforced here again.
 */
@Path("/internal/partners/{partnerId}")
@RolesAllowed(ServiceRoles.GATEWAY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Partners (internal)")
public class PartnerConsentResource {

    @Inject
    PartnerConsentService consents;
    @Inject
    PartnerService partners;
    @Inject
    AccessDecisionService decisions;
    @Inject
    ConsentConfig config;
    @Inject
    Clock clock;

    @POST
    @Path("/consents")
    @Operation(summary = "Create a consent awaiting the user's authorisation (idempotent by x-idempotency-key)")
    public Uni<RestResponse<ConsentView>> create(@PathParam("partnerId") String partnerId,
            @HeaderParam("x-idempotency-key") String idempotencyKey, ConsentRequest request) {
        return consents.create(partnerId, idempotencyKey, request)
                .map(created -> RestResponse.status(RestResponse.Status.CREATED, view(created.consent())));
    }

    @GET
    @Path("/consents/{consentId}")
    @Operation(summary = "One of the partner's consents; another partner's is a 404")
    public Uni<ConsentView> get(@PathParam("partnerId") String partnerId, @PathParam("consentId") String consentId) {
        return consents.getForPartner(partnerId, consentId).map(this::view);
    }

    @DELETE
    @Path("/consents/{consentId}")
    @ResponseStatus(204)
    @Operation(summary = "Revoke an authorised consent, or withdraw one still awaiting the user")
    public Uni<Void> revoke(@PathParam("partnerId") String partnerId, @PathParam("consentId") String consentId) {
        return consents.revokeByPartner(partnerId, consentId).replaceWithVoid();
    }

    @POST
    @Path("/access-decisions")
    @Operation(summary = "May the partner read this resource under this consent now? Permit, or deny with the status to answer")
    public Uni<AccessDecisionView> decide(@PathParam("partnerId") String partnerId, AccessDecisionRequest request) {
        if (request == null) {
            throw ApiException.badRequest(ErrorCodes.FIELD_MISSING, null,
                    "A body is required");
        }
        return decisions.decide(partnerId, request.consentId(), request.resource(), request.accountId(),
                Boolean.TRUE.equals(request.userPresent()), request.reservationId())
                .map(d -> ConsentViews.decision(d, clock.instant()));
    }

    @POST
    @Path("/frequency-reservations/{reservationId}/release")
    @ResponseStatus(204)
    @Operation(summary = "Give back a FrequencyPerDay reservation whose call served nothing (once; idempotent)")
    public Uni<Void> release(@PathParam("partnerId") String partnerId, @PathParam("reservationId") String reservationId) {
        return decisions.release(partnerId, reservationId);
    }

    @PUT
    @Operation(summary = "Register a partner, or rename it (onboarding)")
    public Uni<PartnerView> register(@PathParam("partnerId") String partnerId, PartnerView.Registration registration) {
        return partners.register(partnerId, registration == null ? null : registration.name())
                .map(p -> new PartnerView(p.id, p.name, p.status, null));
    }

    @GET
    @Operation(summary = "A registered partner")
    public Uni<PartnerView> partner(@PathParam("partnerId") String partnerId) {
        return partners.get(partnerId).map(p -> new PartnerView(p.id, p.name, p.status, null));
    }

    @POST
    @Path("/suspend")
    @Operation(summary = "Suspend a partner: every consent of it that is not final ends now")
    public Uni<PartnerView> suspend(@PathParam("partnerId") String partnerId) {
        return partners.suspend(partnerId)
                .map(s -> new PartnerView(s.partner().id, s.partner().name, s.partner().status, s.endedConsents()));
    }

    @POST
    @Path("/reinstate")
    @Operation(summary = "Reinstate a suspended partner; ended consents stay ended")
    public Uni<PartnerView> reinstate(@PathParam("partnerId") String partnerId) {
        return partners.reinstate(partnerId).map(p -> new PartnerView(p.id, p.name, p.status, null));
    }

    private ConsentView view(Consent consent) {
        return ConsentViews.view(consent, clock.instant(),
                config.publicBaseUrl() + ConsentViews.PARTNER_CONSENTS + consent.id);
    }
}
