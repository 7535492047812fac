package org.openbanking.gateway.partner;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openbanking.gateway.downstream.AccountsClient;
import org.openbanking.gateway.downstream.Downstream;
import org.openbanking.gateway.downstream.OffersClient;
import org.openbanking.gateway.downstream.Relay;
import org.openbanking.gateway.edge.Caller;
import org.openbanking.gateway.edge.PartnerRateLimited;
import org.openbanking.gateway.partner.PartnerDataService.Resource;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.smallrye.mutiny.Uni;

/**
 * Account data and offers under a consent ({@code x-consent-id}). A call with {@code x-fapi-customer-ip-address} has the
 * user present and does not count against {@code FrequencyPerDay}; it is still receipted and rate limited.
 */
@Path("/open-banking/v3.1/aisp")
@RolesAllowed("partner")
@PartnerRateLimited
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Partner: account data and offers")
public class PartnerDataResource {

    static final String CONSENT = "x-consent-id";
    static final String CUSTOMER_IP = "x-fapi-customer-ip-address";

    @Inject
    PartnerDataService data;
    @Inject
    AccountsClient accounts;
    @Inject
    OffersClient offers;
    @Inject
    Caller caller;

    @GET
    @Path("/accounts")
    @Operation(summary = "The accounts the user selected for this consent")
    public Uni<Response> accounts(@HeaderParam(CONSENT) String consentId, @HeaderParam(CUSTOMER_IP) String ip) {
        return data.serve(consentId, ip, Resource.Accounts, null,
                permit -> accounts.read(api -> api.accounts(permit.userId(), permit.scope())));
    }

    @GET
    @Path("/accounts/{accountId}")
    @Operation(summary = "One account of the consent")
    public Uni<Response> account(@HeaderParam(CONSENT) String consentId, @HeaderParam(CUSTOMER_IP) String ip,
            @PathParam("accountId") String accountId) {
        return data.serve(consentId, ip, Resource.Accounts, accountId,
                permit -> accounts.read(api -> api.account(permit.userId(), accountId, permit.scope())));
    }

    @GET
    @Path("/accounts/{accountId}/balances")
    @Operation(summary = "Balances of one account (ReadBalances)")
    public Uni<Response> balances(@HeaderParam(CONSENT) String consentId, @HeaderParam(CUSTOMER_IP) String ip,
            @PathParam("accountId") String accountId) {
        return data.serve(consentId, ip, Resource.Balances, accountId,
                permit -> accounts.read(api -> api.balances(permit.userId(), accountId, permit.scope())));
    }

    @GET
    @Path("/accounts/{accountId}/transactions")
    @Operation(summary = "Transactions within the consent's window, newest first, 100 per page")
    public Uni<Response> transactions(@HeaderParam(CONSENT) String consentId, @HeaderParam(CUSTOMER_IP) String ip,
            @PathParam("accountId") String accountId, @QueryParam("fromBookingDateTime") String from,
            @QueryParam("toBookingDateTime") String to, @QueryParam("page-token") String pageToken) {
        return data.serve(consentId, ip, Resource.Transactions, accountId, permit -> accounts
                .read(api -> api.transactions(permit.userId(), accountId, permit.scope(), from, to, pageToken)));
    }

    @GET
    @Path("/offers")
    @Operation(summary = "Offers matched to the user inside the platform (ReadOffers, purpose OfferPlacement)")
    public Uni<Response> offers(@HeaderParam(CONSENT) String consentId, @HeaderParam(CUSTOMER_IP) String ip,
            @Context UriInfo uri) {
        String partner = caller.partnerId();
        // Offers degrade gracefully: when partner-offers-service cannot answer, the partner gets no offers, not an error.
        return data.serve(consentId, ip, Resource.Offers, null,
                permit -> offers.read(api -> api.placements(partner, consentId, permit.userId(), permit.scope().accountIds))
                        .onFailure(Downstream.Unavailable.class).recoverWithItem(() -> Relay.json(200, noOffers(uri))));
    }

    /** An empty OBReadOffer1; {@code Links.Self} is the address the partner called. */
    static String noOffers(UriInfo uri) {
        String self = uri.getAbsolutePathBuilder().replaceQuery(null).build().toString();
        return "{\"Data\":{\"Offer\":[]},\"Links\":{\"Self\":\""
                + new String(JsonStringEncoder.getInstance().quoteAsString(self)) + "\"},\"Meta\":{}}";
    }

    @POST
    @Path("/offers/{offerId}/events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record that an offer was shown or clicked")
    public Uni<Response> event(@PathParam("offerId") String placementId, String body) {
        String partner = caller.partnerId();
        return offers.write(api -> api.event(partner, placementId, body)).map(Relay::of);
    }
}
