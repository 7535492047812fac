package org.openbanking.offers.rest;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.openbanking.common.DateTimes;
import org.openbanking.common.ServiceRoles;
import org.openbanking.offers.service.OfferTypes;
import org.openbanking.offers.service.PlacementService;

import io.smallrye.mutiny.Uni;

/**
 * Placements for partners, after the gateway's access decision for the resource {@code Offers}: the gateway passes the
 * consent and its user (from the decision's scope), never anything the partner said about the user.
 */
@Path("/internal/partners/{partnerId}/placements")
@RolesAllowed(ServiceRoles.GATEWAY)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Placements (internal)")
public class PartnerPlacementResource {

    /** The partner's route at the gateway, for {@code Links.Self}. */
    static final String PARTNER_OFFERS = "/open-banking/v3.1/aisp/offers";

    @Inject
    PlacementService placements;
    @ConfigProperty(name = "offers.public-base-url")
    String publicBaseUrl;

    @GET
    @Operation(summary = "Offers matched for the consent's user inside the platform, with opaque placement ids")
    public Uni<PlacementView> place(@PathParam("partnerId") String partnerId, @QueryParam("consentId") String consentId,
            @QueryParam("userId") String userId, @QueryParam("accountIds") String accountIds) {
        return placements.place(partnerId, consentId, userId,
                accountIds == null ? List.of() : List.of(accountIds.split(",", -1)))
                .map(list -> new PlacementView(new PlacementView.Data(list.stream()
                        .map(p -> new PlacementView.Item(p.accountId(), p.placement().id,
                                OfferTypes.of(p.offer().productType), p.offer().description,
                                DateTimes.format(p.offer().startTime), DateTimes.format(p.offer().endTime), p.offer().rate,
                                p.offer().url, p.bankName(), p.offer().title, p.offer().productType, p.offer().fees))
                        .toList()), new PlacementView.Links(publicBaseUrl + PARTNER_OFFERS), Map.of()));
    }

    @POST
    @Path("/{placementId}/events")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(204)
    @Operation(summary = "Record that the partner showed the offer, or the user clicked it (idempotent)")
    public Uni<Void> event(@PathParam("partnerId") String partnerId, @PathParam("placementId") String placementId,
            PlacementView.Event event) {
        return placements.event(partnerId, placementId, event == null ? null : event.type());
    }
}
