package org.openbanking.gateway.user;

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
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openbanking.common.ApiException;
import org.openbanking.gateway.downstream.AccountsClient;
import org.openbanking.gateway.downstream.ConsentClient;
import org.openbanking.gateway.downstream.Relay;
import org.openbanking.gateway.edge.Caller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/** The end user's API: the user is the token's {@code sub}; another user's consent is a 404 (consent-service decides). */
@Path("/me")
@RolesAllowed("customer")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "End user")
public class MeResource {

    @Inject
    Caller caller;
    @Inject
    ConsentClient consents;
    @Inject
    AccountsClient accounts;
    @Inject
    ObjectMapper json;

    @GET
    @Path("/accounts")
    @Operation(summary = "The user's own accounts across banks")
    public Uni<Response> accounts() {
        String user = caller.userId();
        return accounts.read(api -> api.own(user)).map(Relay::of);
    }

    @GET
    @Path("/consents")
    @Operation(summary = "The user's consents, optionally by status")
    public Uni<Response> consents(@QueryParam("status") String status) {
        String user = caller.userId();
        return consents.read(api -> api.userConsents(user, status)).map(Relay::of);
    }

    @GET
    @Path("/consents/{consentId}")
    @Operation(summary = "One consent: the user's own, or a request awaiting authorisation")
    public Uni<Response> consent(@PathParam("consentId") String consentId) {
        String user = caller.userId();
        return consents.read(api -> api.userConsent(user, consentId)).map(Relay::of);
    }

    @GET
    @Path("/consents/{consentId}/history")
    @Operation(summary = "Every transition of the consent")
    public Uni<Response> history(@PathParam("consentId") String consentId) {
        String user = caller.userId();
        return consents.read(api -> api.history(user, consentId)).map(Relay::of);
    }

    @POST
    @Path("/consents/{consentId}/authorise")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Authorise for some of the user's own accounts")
    public Uni<Response> authorise(@PathParam("consentId") String consentId, String body) {
        return action(consentId, "authorise", body);
    }

    @POST
    @Path("/consents/{consentId}/reject")
    @Operation(summary = "Reject a request")
    public Uni<Response> reject(@PathParam("consentId") String consentId) {
        return action(consentId, "reject", "{}");
    }

    @POST
    @Path("/consents/{consentId}/revoke")
    @Operation(summary = "Revoke a consent: no partner is served under it from then on")
    public Uni<Response> revoke(@PathParam("consentId") String consentId) {
        return action(consentId, "revoke", "{}");
    }

    @GET
    @Path("/access-log")
    @Operation(summary = "Every access to the user's data, newest first")
    public Uni<Response> accessLog(@QueryParam("consentId") String consentId, @QueryParam("partnerId") String partnerId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("page-token") String pageToken) {
        String user = caller.userId();
        return consents.read(api -> api.receipts(user, consentId, partnerId, from, to, pageToken)).map(Relay::of);
    }

    @GET
    @Path("/blocked-partners")
    @Operation(summary = "Partners the user never shares with")
    public Uni<Response> blocked() {
        String user = caller.userId();
        return consents.read(api -> api.blocked(user)).map(Relay::of);
    }

    @PUT
    @Path("/blocked-partners/{partnerId}")
    @Operation(summary = "Block a partner: its live consents are revoked")
    public Uni<Response> block(@PathParam("partnerId") String partnerId) {
        String user = caller.userId();
        return consents.write(api -> api.block(user, partnerId)).map(Relay::of);
    }

    @DELETE
    @Path("/blocked-partners/{partnerId}")
    @Operation(summary = "Unblock a partner")
    public Uni<Response> unblock(@PathParam("partnerId") String partnerId) {
        String user = caller.userId();
        return consents.write(api -> api.unblock(user, partnerId)).map(Relay::of);
    }

    @GET
    @Path("/bank-links")
    @Operation(summary = "The banks the user has linked, or is linking (a code not yet redeemed)")
    public Uni<Response> bankLinks() {
        String user = caller.userId();
        return accounts.read(api -> api.bankLinks(user)).map(Relay::of);
    }

    @POST
    @Path("/bank-links")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A one-time code (15 minutes) that the user gives to that bank")
    public Uni<Response> createBankLink(String body) {
        String user = caller.userId();
        return accounts.write(api -> api.createBankLink(user, body)).map(Relay::of);
    }

    /**
     * Unlinks a bank: accounts-service hides its accounts first (nothing of them is served from then on), then every
     * live consent covering them is revoked. A failure half-way answers 503; the user's retry completes both steps,
     * each idempotent.
     */
    @DELETE
    @Path("/bank-links/{bankId}")
    @Operation(summary = "Unlink a bank: its accounts disappear and every consent covering them is revoked")
    public Uni<Response> unlink(@PathParam("bankId") String bankId) {
        String user = caller.userId();
        return accounts.write(api -> api.unlink(user, bankId)).chain(hidden -> {
            if (hidden.getStatus() != 200) {
                return Uni.createFrom().item(Relay.of(hidden));
            }
            String covering = coveringBody(hidden.readEntity(String.class));
            return consents.write(api -> api.revokeCovering(user, covering))
                    .map(revoked -> revoked.getStatus() == 200 ? Response.noContent().build() : Relay.of(revoked));
        });
    }

    private String coveringBody(String unlinked) {
        try {
            JsonNode ids = json.readTree(unlinked).path("Data").path("AccountIds");
            if (!ids.isArray()) {
                throw new IllegalArgumentException("no AccountIds");
            }
            return json.writeValueAsString(java.util.Map.of("AccountIds", json.convertValue(ids, java.util.List.class)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ApiException.unavailable(5, "A service sent an unreadable answer; try again");
        }
    }

    private Uni<Response> action(String consentId, String action, String body) {
        String user = caller.userId();
        return consents.write(api -> api.userAction(user, consentId, action, body)).map(Relay::of);
    }
}
