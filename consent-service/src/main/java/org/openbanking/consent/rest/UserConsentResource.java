package org.openbanking.consent.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.openbanking.common.ApiException;
import org.openbanking.common.DateTimes;
import org.openbanking.common.ErrorCodes;
import org.openbanking.common.ServiceRoles;
import org.openbanking.consent.config.ConsentConfig;
import org.openbanking.consent.model.Consent;
import org.openbanking.consent.model.ConsentStatus;
import org.openbanking.consent.service.BlockService;
import org.openbanking.consent.service.ReceiptService;
import org.openbanking.consent.service.UserConsentService;

import io.smallrye.mutiny.Uni;

/**
 * What the gateway does for an end user. The user id in the path is the {@code sub} of the user's verified token;
 * visibility (a consent bound to another user is a 404) is enforced here.
 */
@Path("/internal/users/{userId}")
@RolesAllowed(ServiceRoles.GATEWAY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Users (internal)")
public class UserConsentResource {

    @Inject
    UserConsentService consents;
    @Inject
    ReceiptService receipts;
    @Inject
    BlockService blocks;
    @Inject
    ConsentConfig config;
    @Inject
    Clock clock;

    @GET
    @Path("/consents")
    @Operation(summary = "The user's consents, optionally by status")
    public Uni<ConsentListView> list(@PathParam("userId") String userId, @QueryParam("status") String status) {
        ConsentStatus filter = null;
        if (status != null) {
            try {
                filter = ConsentStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(ErrorCodes.FIELD_INVALID, "status",
                        "status must be one of AwaitingAuthorisation, Authorised, Rejected, Revoked, Expired");
            }
        }
        return consents.listForUser(userId, filter).map(list -> new ConsentListView(
                new ConsentListView.Data(list.stream().map(c -> ConsentViews.data(c, clock.instant())).toList()),
                new ConsentView.Links(config.publicBaseUrl() + "/me/consents" + (status == null ? "" : "?status=" + status)),
                Map.of()));
    }

    @GET
    @Path("/consents/{consentId}")
    @Operation(summary = "One consent: the user's own, or one awaiting authorisation that no user has decided yet")
    public Uni<ConsentView> get(@PathParam("userId") String userId, @PathParam("consentId") String consentId) {
        return consents.getForUser(userId, consentId).map(this::view);
    }

    @GET
    @Path("/consents/{consentId}/history")
    @Operation(summary = "Every transition of the consent, oldest first")
    public Uni<HistoryView> history(@PathParam("userId") String userId, @PathParam("consentId") String consentId) {
        return consents.historyForUser(userId, consentId).map(entries -> ConsentViews.history(consentId, entries,
                config.publicBaseUrl() + ConsentViews.USER_CONSENTS + consentId + "/history"));
    }

    @POST
    @Path("/consents/{consentId}/authorise")
    @Operation(summary = "Authorise for some of the user's own accounts")
    public Uni<ConsentView> authorise(@PathParam("userId") String userId, @PathParam("consentId") String consentId,
            AuthoriseRequest request) {
        return consents.authorise(userId, consentId, request == null ? null : request.accountIds()).map(this::view);
    }

    @POST
    @Path("/consents/{consentId}/reject")
    @Operation(summary = "Reject a consent awaiting authorisation")
    public Uni<ConsentView> reject(@PathParam("userId") String userId, @PathParam("consentId") String consentId) {
        return consents.reject(userId, consentId).map(this::view);
    }

    @POST
    @Path("/consents/{consentId}/revoke")
    @Operation(summary = "Revoke an authorised consent")
    public Uni<ConsentView> revoke(@PathParam("userId") String userId, @PathParam("consentId") String consentId) {
        return consents.revokeByUser(userId, consentId).map(this::view);
    }

    @GET
    @Path("/receipts")
    @Operation(summary = "The user's access log, newest first")
    public Uni<ReceiptView> receipts(@PathParam("userId") String userId, @QueryParam("consentId") String consentId,
            @QueryParam("partnerId") String partnerId, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page-token") String pageToken) {
        return receipts.pageForUser(userId, consentId, partnerId, from, to, pageToken).map(page -> {
            StringBuilder query = new StringBuilder();
            appendQuery(query, "consentId", consentId);
            appendQuery(query, "partnerId", partnerId);
            appendQuery(query, "from", from);
            appendQuery(query, "to", to);
            String base = config.publicBaseUrl() + "/me/access-log";
            String self = base + (query.isEmpty() ? "" : "?" + query) + (pageToken == null
                    ? ""
                    : (query.isEmpty() ? "?" : "&") + "page-token=" + encode(pageToken));
            String next = page.nextPageToken() == null
                    ? null
                    : base + "?" + (query.isEmpty() ? "" : query + "&") + "page-token=" + page.nextPageToken();
            return new ReceiptView(new ReceiptView.Data(page.receipts().stream().map(ConsentViews::receipt).toList()),
                    new ReceiptView.Links(self, next), Map.of());
        });
    }

    @GET
    @Path("/access-counts")
    @Operation(summary = "Per consent: how many accesses were receipted and when the last was (for the dashboard)")
    public Uni<AccessCountsView> accessCounts(@PathParam("userId") String userId) {
        return receipts.countsForUser(userId).map(counts -> new AccessCountsView(new AccessCountsView.Data(counts
                .stream()
                .map(c -> new AccessCountsView.Count(c.consentId(), c.accesses(), DateTimes.format(c.lastAccess())))
                .toList())));
    }

    @GET
    @Path("/blocked-partners")
    @Operation(summary = "The partners the user has blocked")
    public Uni<BlockedPartnersView> blocked(@PathParam("userId") String userId) {
        return blocks.list(userId).map(list -> new BlockedPartnersView(new BlockedPartnersView.Data(list.stream()
                .map(b -> new BlockedPartnersView.Entry(b.block().partnerId, b.partnerName(),
                        DateTimes.format(b.block().createdAt)))
                .toList())));
    }

    @PUT
    @Path("/blocked-partners/{partnerId}")
    @ResponseStatus(204)
    @Operation(summary = "Block a partner: its live consents with the user are revoked and it cannot be authorised again")
    public Uni<Void> block(@PathParam("userId") String userId, @PathParam("partnerId") String partnerId) {
        return blocks.block(userId, partnerId).replaceWithVoid();
    }

    @POST
    @Path("/consents/revoke-covering")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke every live consent of the user covering one of these accounts (the user unlinked their bank)")
    public Uni<RevokedView> revokeCovering(@PathParam("userId") String userId, RevokedView.Accounts body) {
        return blocks.revokeCovering(userId, body == null ? null : body.accountIds())
                .map(ids -> new RevokedView(new RevokedView.Data(ids)));
    }

    @DELETE
    @Path("/blocked-partners/{partnerId}")
    @ResponseStatus(204)
    @Operation(summary = "Unblock a partner; revoked consents stay revoked")
    public Uni<Void> unblock(@PathParam("userId") String userId, @PathParam("partnerId") String partnerId) {
        return blocks.unblock(userId, partnerId).replaceWithVoid();
    }

    private ConsentView view(Consent consent) {
        return ConsentViews.view(consent, clock.instant(), config.publicBaseUrl() + ConsentViews.USER_CONSENTS + consent.id);
    }

    private static void appendQuery(StringBuilder query, String name, String value) {
        if (value != null) {
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(name).append('=').append(encode(value));
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
