package org.openbanking.gateway.dashboard;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.openbanking.common.Ids;
import org.openbanking.gateway.config.GatewayConfig;
import org.openbanking.gateway.edge.Caller;

import io.quarkus.oidc.IdToken;
import io.quarkus.oidc.OidcConfigurationMetadata;

/**
 * What the dashboard's forms and cookie carry: the CSRF token of every form (bound to the user's login session, see
 * {@link CsrfTokens}), the check of a posted form, and the pending cookie, the requests the user opened in this
 * browser and has not answered yet (ids only; each is read again before it is shown), and where the logout form
 * leads.
 */
@ApplicationScoped
class DashboardForms {

    static final String PENDING_COOKIE = "ob_pending";
    private static final int MAX_PENDING = 10;
    private static final String FORGED = "This form did not come from your dashboard, or your session changed.";

    @Inject
    Caller caller;
    @Inject
    JsonWebToken idToken;
    @Inject
    CsrfTokens csrfTokens;
    @Inject
    GatewayConfig config;
    /** The ID token itself (the plain JsonWebToken is the access token, the roles' source): Keycloak's hint. */
    @Inject
    @IdToken
    JsonWebToken signedInWith;
    @Inject
    OidcConfigurationMetadata oidcMetadata;

    /** The token the next form carries. */
    String csrf() {
        return csrfTokens.tokenFor(caller.userId(), session());
    }

    /**
     * A state-changing form is accepted only from the dashboard's own pages: the browser must not label it cross-site
     * (Fetch Metadata) and it must carry this session's token. Ids from the form are checked before any call. Null
     * when the form may be acted on.
     */
    Problem refusal(String csrf, String fetchSite, String id) {
        if (forged(csrf, fetchSite)) {
            return new Problem(403, FORGED + " Nothing was done. Open the dashboard and try again.");
        }
        return Ids.isValid(id) ? null : Problem.notFound();
    }

    /** The same check for logging out, which names no id. Null when the user may log out. */
    Problem logoutRefusal(String csrf, String fetchSite) {
        return forged(csrf, fetchSite) ? new Problem(403, FORGED + " You are still logged in.") : null;
    }

    private boolean forged(String csrf, String fetchSite) {
        return "cross-site".equalsIgnoreCase(fetchSite) || !csrfTokens.isValid(csrf, caller.userId(), session());
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
     * Where the browser goes once the logout form is accepted: RP-initiated logout at Keycloak ends the single sign-on
     * session too, then comes back to the signed-out page.
     */
    URI endSession(UriInfo uri) {
        return UriBuilder.fromUri(oidcMetadata.getEndSessionUri())
                .queryParam("client_id", signedInWith.<Object>getClaim("azp"))
                .queryParam("id_token_hint", signedInWith.getRawToken())
                .queryParam("post_logout_redirect_uri", uri.getBaseUriBuilder().path("dashboard/signed-out").build())
                .build();
    }

    /** The approve form's ticked accounts; an empty box counts as none. */
    static List<String> chosenAccounts(List<String> accountIds) {
        return accountIds == null ? List.of() : accountIds.stream().filter(a -> !a.isBlank()).toList();
    }

    /** The ids in the pending cookie: valid ones only, each once, at most {@value #MAX_PENDING}. */
    static List<String> pendingIds(String cookie) {
        if (cookie == null || cookie.isBlank()) {
            return List.of();
        }
        return List.of(cookie.split("\\.")).stream().filter(Ids::isValid).distinct().limit(MAX_PENDING).toList();
    }

    /** After the user viewed a consent: still waiting, it is remembered first; decided, it is forgotten. */
    static List<String> afterViewing(List<String> opened, String consentId, boolean pending) {
        if (pending && !opened.contains(consentId)) {
            List<String> withIt = new ArrayList<>(opened);
            withIt.add(0, consentId);
            return withIt;
        }
        return pending ? opened : opened.stream().filter(id -> !id.equals(consentId)).toList();
    }

    /** The pending cookie holding these ids; none removes it. */
    NewCookie pendingCookie(List<String> ids) {
        return new NewCookie.Builder(PENDING_COOKIE).value(String.join(".", ids.stream().limit(MAX_PENDING).toList()))
                .path("/").httpOnly(true).secure(config.dashboard().secureCookies())
                .sameSite(NewCookie.SameSite.LAX).maxAge(ids.isEmpty() ? 0 : 7 * 24 * 3600).build();
    }
}
