package org.openbanking.offers.rest;

import java.util.List;

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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.openbanking.common.DateTimes;
import org.openbanking.common.ServiceRoles;
import org.openbanking.offers.model.Offer;
import org.openbanking.offers.service.OfferService;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.mutiny.Uni;

/** A bank's offers, through the gateway; {@code bankId} is the {@code bank_id} of the bank's verified token. */
@Path("/internal/banks/{bankId}")
@RolesAllowed(ServiceRoles.GATEWAY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Bank offers (internal)")
public class BankOfferResource {

    public record BankRegistration(@JsonProperty("Name") String name) {
    }

    @Inject
    OfferService offers;

    @PUT
    @Operation(summary = "Register a bank, or rename it (onboarding): the name partners see")
    public Uni<BankRegistration> register(@PathParam("bankId") String bankId, BankRegistration body) {
        return offers.registerBank(bankId, body == null ? null : body.name()).map(b -> new BankRegistration(b.name));
    }

    @POST
    @Path("/offers")
    @Operation(summary = "Create a draft offer (idempotent by x-idempotency-key)")
    public Uni<RestResponse<OfferView>> create(@PathParam("bankId") String bankId,
            @HeaderParam("x-idempotency-key") String idempotencyKey, OfferRequest request) {
        return offers.create(bankId, idempotencyKey, request)
                .map(o -> RestResponse.status(RestResponse.Status.CREATED, view(o)));
    }

    @PUT
    @Path("/offers/{offerId}")
    @Operation(summary = "Replace a draft offer (drafts only)")
    public Uni<OfferView> update(@PathParam("bankId") String bankId, @PathParam("offerId") String offerId,
            OfferRequest request) {
        return offers.update(bankId, offerId, request).map(this::view);
    }

    @POST
    @Path("/offers/{offerId}/publish")
    @Operation(summary = "Publish a draft")
    public Uni<OfferView> publish(@PathParam("bankId") String bankId, @PathParam("offerId") String offerId) {
        return offers.publish(bankId, offerId).map(this::view);
    }

    @POST
    @Path("/offers/{offerId}/withdraw")
    @Operation(summary = "Withdraw a draft or published offer")
    public Uni<OfferView> withdraw(@PathParam("bankId") String bankId, @PathParam("offerId") String offerId) {
        return offers.withdraw(bankId, offerId).map(this::view);
    }

    @GET
    @Path("/offers")
    @Operation(summary = "The bank's own offers")
    public Uni<OfferView.List_> list(@PathParam("bankId") String bankId) {
        return offers.list(bankId).map(list -> new OfferView.List_(new OfferView.Data(list.stream().map(this::view).toList())));
    }

    @GET
    @Path("/offers/{offerId}")
    @Operation(summary = "One of the bank's offers")
    public Uni<OfferView> get(@PathParam("bankId") String bankId, @PathParam("offerId") String offerId) {
        return offers.get(bankId, offerId).map(this::view);
    }

    @GET
    @Path("/offers/{offerId}/stats")
    @Operation(summary = "Placements, shown, clicked: counts only, suppressed below 5 distinct users")
    public Uni<StatsView> stats(@PathParam("bankId") String bankId, @PathParam("offerId") String offerId) {
        return offers.stats(bankId, offerId).map(s -> s.suppressed()
                ? new StatsView(s.offerId(), null, null, null, true)
                : new StatsView(s.offerId(), s.placements(), s.shown(), s.clicked(), false));
    }

    private OfferView view(Offer o) {
        OfferRequest.Eligibility eligibility = o.minAverageBalance == null && o.minMonthlyIncome == null
                && o.accountTypes == null
                        ? null
                        : new OfferRequest.Eligibility(
                                o.minAverageBalance == null
                                        ? null
                                        : new OfferRequest.Money(o.minAverageBalance.toPlainString(), o.ruleCurrency),
                                o.minMonthlyIncome == null
                                        ? null
                                        : new OfferRequest.Money(o.minMonthlyIncome.toPlainString(), o.ruleCurrency),
                                o.accountTypes == null ? null : List.of(o.accountTypes.split(",")));
        return new OfferView(o.id, o.bankId, offers.statusOf(o), o.title, o.description, o.productType, o.rate, o.fees, o.url,
                DateTimes.format(o.startTime), DateTimes.format(o.endTime), eligibility);
    }
}
