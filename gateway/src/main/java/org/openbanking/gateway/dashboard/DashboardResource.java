package org.openbanking.gateway.dashboard;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.openbanking.common.ErrorEnvelope;
import org.openbanking.common.Ids;
import org.openbanking.gateway.config.GatewayConfig;
import org.openbanking.gateway.dashboard.DashboardViews.AccountOption;
import org.openbanking.gateway.dashboard.DashboardViews.BlockedPartner;
import org.openbanking.gateway.dashboard.DashboardViews.ConsentCard;
import org.openbanking.gateway.dashboard.DashboardViews.HistoryLine;
import org.openbanking.gateway.dashboard.DashboardViews.LogLine;
import org.openbanking.gateway.dashboard.DashboardViews.Notice;
import org.openbanking.gateway.dashboard.DashboardViews.Option;
import org.openbanking.gateway.downstream.AccountsClient;
import org.openbanking.gateway.downstream.ConsentApi;
import org.openbanking.gateway.downstream.ConsentClient;
import org.openbanking.gateway.edge.Caller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.oidc.IdToken;
import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * The end user's dashboard: server-rendered pages (no script at all), signed in through the {@code dashboard} OIDC
 * tenant (code flow + PKCE with the {@code consent-dashboard} client; see application.properties). It uses the same
 * consent-service and accounts-service calls as {@code /me}, for the user named by the ID token's {@code sub}. Every
 * form carries a CSRF token bound to the user's login session, and a cross-site POST is refused before it is read.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Dashboard")
public class DashboardResource {

    /** Requests the user opened in this browser and has not answered yet (ids only; each is checked again). */
    static final String PENDING_COOKIE = "ob_pending";
    private static final int MAX_PENDING = 10;
    private static final Set<String> FINAL = Set.of("Rejected", "Revoked", "Expired");

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance home(List<ConsentCard> pending, List<ConsentCard> live, List<ConsentCard> past,
                List<BlockedPartner> blocked, List<Option> blockable, Notice notice, String csrf);

        static native TemplateInstance consent(ConsentCard consent, List<AccountOption> accounts,
                List<HistoryLine> history, Notice notice, String csrf);

        static native TemplateInstance revoke(ConsentCard consent, String csrf);

        static native TemplateInstance accessLog(List<LogLine> lines, List<Option> partners, List<Option> consents,
                String next, boolean filtered);

        static native TemplateInstance problem(String title, String message);

        static native TemplateInstance signedOut();

        static native TemplateInstance logout(String csrf);

        static native TemplateInstance leaving(String endSession);
    }

    @Inject
    Caller caller;
    @Inject
    JsonWebToken idToken;
    @Inject
    ConsentClient consents;
    @Inject
    AccountsClient accounts;
    @Inject
    CsrfTokens csrfTokens;
    @Inject
    ObjectMapper json;
    @Inject
    GatewayConfig config;
    @Inject
    OidcSession oidcSession;
    /** The ID token itself (the plain JsonWebToken here is the access token, the roles' source): Keycloak's hint. */
    @Inject
    @IdToken
    JsonWebToken signedInWith;
    @Inject
    OidcConfigurationMetadata oidcMetadata;

    @GET
    @RolesAllowed("customer")
    @Operation(summary = "The dashboard: requests, live and past consents, blocked partners")
    public Uni<RestResponse<TemplateInstance>> home(@CookieParam(PENDING_COOKIE) String pendingCookie,
            @QueryParam("notice") String notice) {
        String user = caller.userId();
        List<String> opened = pendingIds(pendingCookie);
        Uni<List<JsonNode>> pendingConsents = opened.isEmpty()
                ? Uni.createFrom().item(List.of())
                : Uni.join().all(opened.stream().map(id -> optional(consents.read(api -> api.userConsent(user, id))))
                        .toList()).andFailFast();
        return Uni.combine().all()
                .unis(read(consents.read(api -> api.userConsents(user, null))), ownAccounts(user), accessCounts(user),
                        read(consents.read(api -> api.blocked(user))), pendingConsents)
                .with((list, own, counts, blockedList, opens) -> {
                    List<ConsentCard> pending = new ArrayList<>();
                    List<ConsentCard> live = new ArrayList<>();
                    List<ConsentCard> past = new ArrayList<>();
                    for (JsonNode data : list.path("Data").path("Consent")) {
                        ConsentCard card = card(data, own, counts);
                        (card.pending() ? pending : card.live() ? live : past).add(card);
                    }
                    List<String> stillPending = new ArrayList<>();
                    for (JsonNode found : opens) {
                        JsonNode data = found.path("Data");
                        if ("AwaitingAuthorisation".equals(data.path("Status").asText())
                                && pending.stream().noneMatch(c -> c.id().equals(data.path("ConsentId").asText()))) {
                            pending.add(card(data, own, counts));
                            stillPending.add(data.path("ConsentId").asText());
                        }
                    }
                    past.sort(Comparator.comparing(ConsentCard::updated).reversed());
                    List<BlockedPartner> blocked = new ArrayList<>();
                    Set<String> blockedIds = new LinkedHashSet<>();
                    for (JsonNode b : blockedList.path("Data").path("BlockedPartner")) {
                        blocked.add(new BlockedPartner(b.path("PartnerId").asText(), b.path("PartnerName").asText(),
                                PlainWords.day(b.path("BlockedDateTime").asText(null))));
                        blockedIds.add(b.path("PartnerId").asText());
                    }
                    Map<String, String> partners = new LinkedHashMap<>();
                    for (List<ConsentCard> cards : List.of(pending, live, past)) {
                        cards.forEach(c -> partners.putIfAbsent(c.partnerId(), c.partnerName()));
                    }
                    List<Option> blockable = partners.entrySet().stream()
                            .filter(e -> !blockedIds.contains(e.getKey()))
                            .map(e -> new Option(e.getKey(), e.getValue(), false)).toList();
                    return RestResponse.ResponseBuilder
                            .ok(Templates.home(pending, live, past, blocked, blockable, Notice.of(notice), csrf()))
                            .cookie(pendingCookie(stillPending)).build();
                })
                .onFailure(Problem.class).recoverWithItem(DashboardResource::problemPage);
    }

    @GET
    @Path("dashboard/consents/{consentId}")
    @RolesAllowed("customer")
    @Operation(summary = "One request or consent: approve or reject it, or see what it allows and its history; partners send users here")
    public Uni<RestResponse<TemplateInstance>> consent(@PathParam("consentId") String consentId,
            @CookieParam(PENDING_COOKIE) String pendingCookie, @QueryParam("notice") String notice) {
        if (!Ids.isValid(consentId)) {
            return Uni.createFrom().item(notFound());
        }
        String user = caller.userId();
        return Uni.combine().all()
                .unis(read(consents.read(api -> api.userConsent(user, consentId))), ownAccounts(user),
                        accessCounts(user), read(consents.read(api -> api.history(user, consentId))))
                .with((found, own, counts, history) -> {
                    ConsentCard card = card(found.path("Data"), own, counts);
                    List<HistoryLine> lines = new ArrayList<>();
                    for (JsonNode h : history.path("Data").path("History")) {
                        lines.add(new HistoryLine(PlainWords.moment(h.path("DateTime").asText(null)),
                                PlainWords.status(h.path("From").asText(null)),
                                PlainWords.status(h.path("To").asText(null)),
                                PlainWords.actor(h.path("Actor").asText(null)), h.path("Reason").asText("")));
                    }
                    List<AccountOption> options = own.entrySet().stream()
                            .map(e -> new AccountOption(e.getKey(), e.getValue())).toList();
                    List<String> opened = pendingIds(pendingCookie);
                    if (card.pending() && !opened.contains(consentId)) {
                        opened = new ArrayList<>(opened);
                        opened.add(0, consentId);
                    } else if (!card.pending()) {
                        opened = opened.stream().filter(id -> !id.equals(consentId)).toList();
                    }
                    return RestResponse.ResponseBuilder
                            .ok(Templates.consent(card, options, lines, Notice.of(notice), csrf()))
                            .cookie(pendingCookie(opened)).build();
                })
                .onFailure(Problem.class).recoverWithItem(DashboardResource::problemPage);
    }

    @GET
    @Path("dashboard/consents/{consentId}/revoke")
    @RolesAllowed("customer")
    @Operation(summary = "Asks once whether to withdraw the consent")
    public Uni<RestResponse<TemplateInstance>> confirmRevoke(@PathParam("consentId") String consentId) {
        if (!Ids.isValid(consentId)) {
            return Uni.createFrom().item(notFound());
        }
        String user = caller.userId();
        return Uni.combine().all()
                .unis(read(consents.read(api -> api.userConsent(user, consentId))), ownAccounts(user),
                        accessCounts(user))
                .with((found, own, counts) -> RestResponse.ok(Templates.revoke(card(found.path("Data"), own, counts),
                        csrf())))
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
        RestResponse<TemplateInstance> refused = refuseForgery(csrf, fetchSite, consentId);
        if (refused != null) {
            return Uni.createFrom().item(refused);
        }
        List<String> chosen = accountIds == null ? List.of() : accountIds.stream().filter(a -> !a.isBlank()).toList();
        String consentPage = "/dashboard/consents/" + consentId;
        if (chosen.isEmpty()) {
            return Uni.createFrom().item(seeOther(consentPage + "?notice=choose-account"));
        }
        String body = write(Map.of("AccountIds", chosen));
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
        return Uni.combine().all()
                .unis(read(consents.read(api -> api.receipts(user, consentFilter, partnerFilter, null, null,
                        blankToNull(page)))), read(consents.read(api -> api.userConsents(user, null))),
                        ownAccounts(user))
                .with((receipts, list, own) -> {
                    List<LogLine> lines = new ArrayList<>();
                    for (JsonNode r : receipts.path("Data").path("Receipt")) {
                        List<String> names = new ArrayList<>();
                        r.path("AccountIds").forEach(a -> names.add(own.getOrDefault(a.asText(), a.asText())));
                        lines.add(new LogLine(PlainWords.moment(r.path("DateTime").asText(null)),
                                r.path("PartnerName").asText(), PlainWords.resource(r.path("Resource").asText(null)),
                                String.join(", ", names), r.path("RecordCount").asInt(),
                                PlainWords.purpose(r.path("Purpose").asText(null)), r.path("ConsentId").asText()));
                    }
                    Map<String, String> partners = new LinkedHashMap<>();
                    List<Option> consentOptions = new ArrayList<>();
                    for (JsonNode c : list.path("Data").path("Consent")) {
                        String id = c.path("ConsentId").asText();
                        String name = c.path("PartnerName").asText();
                        partners.putIfAbsent(c.path("PartnerId").asText(), name);
                        consentOptions.add(new Option(id, name + ": " + PlainWords.purpose(c.path("Purpose").path("Code")
                                .asText(null)) + " (" + PlainWords.status(c.path("Status").asText(null)).toLowerCase()
                                + ", " + PlainWords.day(c.path("CreationDateTime").asText(null)) + ")",
                                id.equals(consentFilter)));
                    }
                    List<Option> partnerOptions = partners.entrySet().stream()
                            .map(e -> new Option(e.getKey(), e.getValue(), e.getKey().equals(partnerFilter))).toList();
                    String next = nextPage(receipts.path("Links").path("Next").asText(null), partnerFilter,
                            consentFilter);
                    return RestResponse.ok(Templates.accessLog(lines, partnerOptions, consentOptions, next,
                            partnerFilter != null || consentFilter != null));
                })
                .onFailure(Problem.class).recoverWithItem(DashboardResource::problemPage);
    }

    @GET
    @Path("dashboard/logout")
    @Authenticated
    @Operation(summary = "Asks to confirm logging out; a link (or a forged page) alone never ends the session")
    public TemplateInstance confirmLogout() {
        return Templates.logout(csrf());
    }

    @POST
    @Path("dashboard/logout")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Logs out (with this session's CSRF token): the session cookie is removed, then Keycloak's")
    public Uni<RestResponse<TemplateInstance>> logout(@FormParam("csrf") String csrf,
            @HeaderParam("Sec-Fetch-Site") String fetchSite, @Context UriInfo uri) {
        if ("cross-site".equalsIgnoreCase(fetchSite) || !csrfTokens.isValid(csrf, caller.userId(), session())) {
            return Uni.createFrom().item(problemPage(new Problem(403,
                    "This form did not come from your dashboard, or your session changed. You are still logged in.")));
        }
        // RP-initiated logout at Keycloak ends the single sign-on session too, then comes back to the signed-out page.
        URI endSession = UriBuilder.fromUri(oidcMetadata.getEndSessionUri())
                .queryParam("client_id", signedInWith.<Object>getClaim("azp"))
                .queryParam("id_token_hint", signedInWith.getRawToken())
                .queryParam("post_logout_redirect_uri", uri.getBaseUriBuilder().path("dashboard/signed-out").build())
                .build();
        // Not a redirect: the CSP's form-action 'self' would stop a form's redirect to Keycloak; a refresh is no form.
        return oidcSession.logout().map(ignored -> RestResponse.ok(Templates.leaving(endSession.toString())));
    }

    @GET
    @Path("dashboard/signed-out")
    @PermitAll
    @Operation(summary = "Where the browser lands after logging out")
    public TemplateInstance signedOut() {
        return Templates.signedOut();
    }

    // ---- helpers

    /** A failure to show as a page: a service's 4xx (its message) or the gateway's 503. */
    static final class Problem extends RuntimeException {

        final int status;

        Problem(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private String csrf() {
        return csrfTokens.tokenFor(caller.userId(), session());
    }

    /** The login session the CSRF token is bound to: Keycloak's {@code sid}, else the time of login. */
    private String session() {
        Object sid = idToken.getClaim("sid");
        if (sid != null) {
            return sid.toString();
        }
        Object authTime = idToken.getClaim("auth_time");
        return authTime == null ? "" : authTime.toString();
    }

    /**
     * A state-changing form is accepted only from the dashboard's own pages: the browser must not label it cross-site
     * (Fetch Metadata) and it must carry this session's token. Ids from the form are checked before any call.
     */
    private RestResponse<TemplateInstance> refuseForgery(String csrf, String fetchSite, String id) {
        if ("cross-site".equalsIgnoreCase(fetchSite) || !csrfTokens.isValid(csrf, caller.userId(), session())) {
            return problemPage(new Problem(403,
                    "This form did not come from your dashboard, or your session changed. Nothing was done. "
                            + "Open the dashboard and try again."));
        }
        if (!Ids.isValid(id)) {
            return notFound();
        }
        return null;
    }

    /** A form's action: refused when forged, else the call, then a redirect to {@code then}. */
    private Uni<RestResponse<TemplateInstance>> act(String csrf, String fetchSite, String id,
            Function<ConsentApi, Uni<Response>> call, String then) {
        RestResponse<TemplateInstance> refused = refuseForgery(csrf, fetchSite, id);
        return refused != null ? Uni.createFrom().item(refused) : act(call, then);
    }

    private Uni<RestResponse<TemplateInstance>> act(Function<ConsentApi, Uni<Response>> call, String then) {
        return read(consents.write(call)).map(ignored -> seeOther(then))
                .onFailure(Problem.class).recoverWithItem(DashboardResource::problemPage);
    }

    private Uni<JsonNode> read(Uni<Response> call) {
        return call.map(this::body);
    }

    /** A consent the user may no longer see (404) is skipped rather than failing the page. */
    private Uni<JsonNode> optional(Uni<Response> call) {
        return call.map(response -> {
            if (response.getStatus() == 404 || response.getStatus() == 400) {
                response.close();
                return json.createObjectNode();
            }
            return body(response);
        });
    }

    private JsonNode body(Response response) {
        int status = response.getStatus();
        if (response.getEntity() instanceof ErrorEnvelope envelope) {
            throw new Problem(status, envelope.message());
        }
        String text = response.hasEntity() ? response.readEntity(String.class) : "";
        if (status >= 400) {
            String message = "Something went wrong.";
            try {
                message = json.readTree(text).path("Message").asText(message);
            } catch (Exception e) {
                // keep the generic message: never show a body that is not the envelope
            }
            throw new Problem(status, message);
        }
        try {
            return text.isEmpty() ? json.createObjectNode() : json.readTree(text);
        } catch (Exception e) {
            throw new Problem(502, "A service answered something unreadable. Nothing was changed by this page.");
        }
    }

    /** The user's own accounts, by id, as "Nickname (bank, masked IBAN, currency)". */
    private Uni<Map<String, String>> ownAccounts(String user) {
        return read(accounts.read(api -> api.own(user))).map(found -> {
            Map<String, String> labels = new LinkedHashMap<>();
            for (JsonNode a : found.path("Data").path("Account")) {
                String masked = a.path("MaskedIdentification").asText("");
                labels.put(a.path("AccountId").asText(), a.path("Nickname").asText("Account") + " ("
                        + a.path("AccountSubType").asText(a.path("AccountType").asText("")) + ", "
                        + a.path("Currency").asText("") + (masked.isEmpty() ? "" : ", " + masked) + ")");
            }
            return labels;
        });
    }

    private Uni<Map<String, JsonNode>> accessCounts(String user) {
        return read(consents.read(api -> api.accessCounts(user))).map(found -> {
            Map<String, JsonNode> counts = new HashMap<>();
            found.path("Data").path("AccessCount").forEach(c -> counts.put(c.path("ConsentId").asText(), c));
            return counts;
        });
    }

    private static ConsentCard card(JsonNode d, Map<String, String> own, Map<String, JsonNode> counts) {
        String status = d.path("Status").asText();
        List<String> permissions = new ArrayList<>();
        d.path("Permissions").forEach(p -> permissions.add(p.asText()));
        List<String> prohibited = new ArrayList<>();
        d.path("ProhibitedUses").forEach(p -> prohibited.add(p.asText()));
        List<String> accountNames = new ArrayList<>();
        d.path("AccountIds").forEach(a -> accountNames.add(own.getOrDefault(a.asText(), "an account no longer listed")));
        JsonNode reason = d.path("StatusReason").path(0);
        JsonNode count = counts.get(d.path("ConsentId").asText());
        String partnerName = d.path("PartnerName").asText(d.path("PartnerId").asText());
        return new ConsentCard(d.path("ConsentId").asText(), d.path("PartnerId").asText(), partnerName, status,
                PlainWords.status(status), "AwaitingAuthorisation".equals(status), "Authorised".equals(status),
                PlainWords.whatItSees(permissions, d.path("TransactionFromDateTime").asText(null),
                        d.path("TransactionToDateTime").asText(null)),
                PlainWords.purpose(d.path("Purpose").path("Code").asText(null)),
                d.path("Purpose").path("Description").asText(""), PlainWords.prohibited(prohibited),
                PlainWords.frequency(d.path("FrequencyPerDay").asInt(4)),
                PlainWords.moment(d.path("ExpirationDateTime").asText(null)),
                PlainWords.moment(d.path("CreationDateTime").asText(null)),
                d.path("StatusUpdateDateTime").asText(""),
                FINAL.contains(status) ? reason.path("StatusReasonDescription").asText("") : "", accountNames,
                count == null ? 0 : count.path("Accesses").asLong(),
                count == null ? "" : PlainWords.moment(count.path("LastAccessDateTime").asText(null)));
    }

    private static List<String> pendingIds(String cookie) {
        if (cookie == null || cookie.isBlank()) {
            return List.of();
        }
        return List.of(cookie.split("\\.")).stream().filter(Ids::isValid).distinct().limit(MAX_PENDING).toList();
    }

    private NewCookie pendingCookie(List<String> ids) {
        return new NewCookie.Builder(PENDING_COOKIE).value(String.join(".", ids.stream().limit(MAX_PENDING).toList()))
                .path("/").httpOnly(true).secure(config.dashboard().secureCookies())
                .sameSite(NewCookie.SameSite.LAX).maxAge(ids.isEmpty() ? 0 : 7 * 24 * 3600).build();
    }

    /** The page token of a service's {@code Links.Next}, as a dashboard link with the same filters. */
    private static String nextPage(String serviceNext, String partner, String consent) {
        if (serviceNext == null) {
            return null;
        }
        String query = URI.create(serviceNext).getRawQuery();
        String token = null;
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.startsWith("page-token=")) {
                token = URLDecoder.decode(pair.substring("page-token=".length()), StandardCharsets.UTF_8);
            }
        }
        if (token == null) {
            return null;
        }
        StringBuilder link = new StringBuilder("/dashboard/access-log?page=").append(token);
        if (partner != null) {
            link.append("&partner=").append(partner);
        }
        if (consent != null) {
            link.append("&consent=").append(consent);
        }
        return link.toString();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static RestResponse<TemplateInstance> seeOther(String location) {
        return RestResponse.ResponseBuilder.<TemplateInstance>create(RestResponse.Status.SEE_OTHER)
                .location(URI.create(location)).build();
    }

    private static RestResponse<TemplateInstance> notFound() {
        return problemPage(new Problem(404, "There is no such request or consent for you."));
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
                .entity(Templates.problem(title, problem.getMessage())).build();
    }
}
