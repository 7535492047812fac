package org.openbanking.gateway.dashboard;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
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
import org.jboss.resteasy.reactive.RestResponse;
import org.openbanking.common.Ids;
import org.openbanking.gateway.dashboard.DashboardViews.Notice;
import org.openbanking.gateway.downstream.ConsentApi;
import org.openbanking.gateway.downstream.ConsentClient;
import org.openbanking.gateway.edge.Caller;

import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * The end user's dashboard: server-rendered pages (no script at all), signed in through the {@code dashboard} OIDC
 * tenant (code flow + PKCE with the {@code consent-dashboard} client; see application.properties). It uses the same
 * consent-service and accounts-service calls as {@code /me}, for the user named by the ID token's {@code sub}. Every
 * form carries a CSRF token bound to the user's login session, and a cross-site POST is refused before it is read.
 * The routes only: pages are assembled by {@link DashboardPages}, forms and the pending cookie by
 * {@link DashboardForms}.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Dashboard")
public class DashboardResource {

    @Inject
    Caller caller;
    @Inject
    DashboardPages pages;
    @Inject
    DashboardForms forms;
    @Inject
    ServiceJson answers;
    @Inject
    ConsentClient consents;
    @Inject
    OidcSession oidcSession;

    @GET
    @RolesAllowed("customer")
    @Operation(summary = "The dashboard: requests, live and past consents, blocked partners")
    public Uni<RestResponse<TemplateInstance>> home(@CookieParam(DashboardForms.PENDING_COOKIE) String pendingCookie,
            @QueryParam("notice") String notice) {
        return pages.home(caller.userId(), DashboardForms.pendingIds(pendingCookie))
                .map(page -> RestResponse.ResponseBuilder
                        .ok(DashboardTemplates.home(page.pending(), page.live(), page.past(), page.blocked(), page.blockable(),
                                Notice.of(notice), forms.csrf()))
                        .cookie(forms.pendingCookie(page.stillPending())).build())
                .onFailure(Problem.class).recoverWithItem(DashboardResource::problemPage);
    }

    @GET
    @Path("dashboard/consents/{consentId}")
    @RolesAllowed("customer")
    @Operation(summary = "One request or consent: approve or reject it, or see what it allows and its history; partners send users here")
    public Uni<RestResponse<TemplateInstance>> consent(@PathParam("consentId") String consentId,
            @CookieParam(DashboardForms.PENDING_COOKIE) String pendingCookie, @QueryParam("notice") String notice) {
        if (!Ids.isValid(consentId)) {
            return Uni.createFrom().item(problemPage(Problem.notFound()));
        }
        return pages.consent(caller.userId(), consentId)
                .map(page -> RestResponse.ResponseBuilder
                        .ok(DashboardTemplates.consent(page.consent(), page.accounts(), page.history(), Notice.of(notice),
                                forms.csrf()))
                        .cookie(forms.pendingCookie(DashboardForms.afterViewing(DashboardForms.pendingIds(pendingCookie),
                                consentId, page.consent().pending())))
                        .build())
                .onFailure(Problem.class).recoverWithItem(DashboardResource::problemPage);
    }

    @GET
    @Path("dashboard/consents/{consentId}/revoke")
    @RolesAllowed("customer")
    @Operation(summary = "Asks once whether to withdraw the consent")
    public Uni<RestResponse<TemplateInstance>> confirmRevoke(@PathParam("consentId") String consentId) {
        if (!Ids.isValid(consentId)) {
            return Uni.createFrom().item(problemPage(Problem.notFound()));
        }
        return pages.card(caller.userId(), consentId)
                .map(card -> RestResponse.ok(DashboardTemplates.revoke(card, forms.csrf())))
                .onFailure(Problem.class).recoverWithItem(DashboardResource::problemPage);
    }

    @POST
    @Path("dashboard/consents/{consentId}/authorise")
    @RolesAllowed("customer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Approves a request for the accounts the user ticked")
    public Uni<RestResponse<TemplateInstance>> authorise(@PathParam("consentId") String consentId,
            @FormParam("csrf") String csrf, @FormParam("accountId") List<String> accountIds,
            @HeaderParam("Sec-Fetch-Site") String fetchSite) {
        Problem refused = forms.refusal(csrf, fetchSite, consentId);
        if (refused != null) {
            return Uni.createFrom().item(problemPage(refused));
        }
        List<String> chosen = DashboardForms.chosenAccounts(accountIds);
        String consentPage = "/dashboard/consents/" + consentId;
        if (chosen.isEmpty()) {
            return Uni.createFrom().item(seeOther(consentPage + "?notice=choose-account"));
        }
        String body = answers.write(Map.of("AccountIds", chosen));
        String user = caller.userId();
        return act(api -> api.userAction(user, consentId, "authorise", body), consentPage + "?notice=approved");
    }

    @POST
    @Path("dashboard/consents/{consentId}/reject")
    @RolesAllowed("customer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Rejects a request")
    public Uni<RestResponse<TemplateInstance>> reject(@PathParam("consentId") String consentId,
            @FormParam("csrf") String csrf, @HeaderParam("Sec-Fetch-Site") String fetchSite) {
        String user = caller.userId();
        return act(csrf, fetchSite, consentId, api -> api.userAction(user, consentId, "reject", "{}"), "/?notice=rejected");
    }

    @POST
    @Path("dashboard/consents/{consentId}/revoke")
    @RolesAllowed("customer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Withdraws a consent: no partner is served under it from then on")
    public Uni<RestResponse<TemplateInstance>> revoke(@PathParam("consentId") String consentId,
            @FormParam("csrf") String csrf, @HeaderParam("Sec-Fetch-Site") String fetchSite) {
        String user = caller.userId();
        return act(csrf, fetchSite, consentId, api -> api.userAction(user, consentId, "revoke", "{}"), "/?notice=revoked");
    }

    @POST
    @Path("dashboard/blocked-partners")
    @RolesAllowed("customer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Blocks a partner: its consents with the user are withdrawn")
    public Uni<RestResponse<TemplateInstance>> block(@FormParam("partnerId") String partnerId,
            @FormParam("csrf") String csrf, @HeaderParam("Sec-Fetch-Site") String fetchSite) {
        String user = caller.userId();
        return act(csrf, fetchSite, partnerId, api -> api.block(user, partnerId), "/?notice=blocked");
    }

    @POST
    @Path("dashboard/blocked-partners/{partnerId}/unblock")
    @RolesAllowed("customer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Unblocks a partner")
    public Uni<RestResponse<TemplateInstance>> unblock(@PathParam("partnerId") String partnerId,
            @FormParam("csrf") String csrf, @HeaderParam("Sec-Fetch-Site") String fetchSite) {
        String user = caller.userId();
        return act(csrf, fetchSite, partnerId, api -> api.unblock(user, partnerId), "/?notice=unblocked");
    }

    @GET
    @Path("dashboard/access-log")
    @RolesAllowed("customer")
    @Operation(summary = "Who accessed what and when, newest first; filter by partner and consent")
    public Uni<RestResponse<TemplateInstance>> accessLog(@QueryParam("partner") String partner,
            @QueryParam("consent") String consent, @QueryParam("page") String page) {
        String user = caller.userId();
        String partnerFilter = blankToNull(partner);
        String consentFilter = blankToNull(consent);
        if ((partnerFilter != null && !Ids.isValid(partnerFilter)) || (consentFilter != null && !Ids.isValid(consentFilter))
                || (page != null && (page.length() > 200 || !page.matches("[A-Za-z0-9_-]+")))) {
            return Uni.createFrom().item(problemPage(new Problem(400, "That filter is not valid.")));
        }
        return pages.accessLog(user, partnerFilter, consentFilter, blankToNull(page))
                .map(log -> RestResponse
                        .ok(DashboardTemplates.accessLog(log.lines(), log.partners(), log.consents(), log.next(),
                                partnerFilter != null || consentFilter != null)))
                .onFailure(Problem.class).recoverWithItem(DashboardResource::problemPage);
    }

    @GET
    @Path("dashboard/logout")
    @Authenticated
    @Operation(summary = "Asks to confirm logging out; a link (or a forged page) alone never ends the session")
    public TemplateInstance confirmLogout() {
        return DashboardTemplates.logout(forms.csrf());
    }

    @POST
    @Path("dashboard/logout")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Logs out (with this session's CSRF token): the session cookie is removed, then Keycloak's")
    public Uni<RestResponse<TemplateInstance>> logout(@FormParam("csrf") String csrf,
            @HeaderParam("Sec-Fetch-Site") String fetchSite, @Context UriInfo uri) {
        Problem refused = forms.logoutRefusal(csrf, fetchSite);
        if (refused != null) {
            return Uni.createFrom().item(problemPage(refused));
        }
        URI endSession = forms.endSession(uri);
        // Not a redirect: the CSP's form-action 'self' would stop a form's redirect to Keycloak; a refresh is no form.
        return oidcSession.logout().map(ignored -> RestResponse.ok(DashboardTemplates.leaving(endSession.toString())));
    }

    @GET
    @Path("dashboard/signed-out")
    @PermitAll
    @Operation(summary = "Where the browser lands after logging out")
    public TemplateInstance signedOut() {
        return DashboardTemplates.signedOut();
    }

    /** A form's action: refused when forged, else the call, then a redirect (303) to {@code then}. */
    private Uni<RestResponse<TemplateInstance>> act(String csrf, String fetchSite, String id,
            Function<ConsentApi, Uni<Response>> call, String then) {
        Problem refused = forms.refusal(csrf, fetchSite, id);
        return refused != null ? Uni.createFrom().item(problemPage(refused)) : act(call, then);
    }

    private Uni<RestResponse<TemplateInstance>> act(Function<ConsentApi, Uni<Response>> call, String then) {
        return answers.done(consents.write(call)).map(ignored -> seeOther(then))
                .onFailure(Problem.class).recoverWithItem(DashboardResource::problemPage);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static RestResponse<TemplateInstance> seeOther(String location) {
        return RestResponse.ResponseBuilder.<TemplateInstance>create(RestResponse.Status.SEE_OTHER)
                .location(URI.create(location)).build();
    }

    private static RestResponse<TemplateInstance> problemPage(Throwable failure) {
        Problem problem = (Problem) failure;
        String title = switch (problem.status) {
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 409 -> "Already decided";
            case 503 -> "Temporarily unavailable";
            default -> problem.status >= 500 ? "Something went wrong" : "That did not work";
        };
        return RestResponse.ResponseBuilder.<TemplateInstance>create(problem.status)
                .entity(DashboardTemplates.problem(title, problem.getMessage())).build();
    }
}
