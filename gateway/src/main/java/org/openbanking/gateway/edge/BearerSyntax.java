package org.openbanking.gateway.edge;

import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.openbanking.common.ErrorCodes;

import io.vertx.ext.web.Router;

/**
 * A bearer token that is not a JWS in compact form (three base64url parts) is refused with 401 in the envelope before
 * quarkus-oidc sees it: only signed JWTs are accepted here (no introspection), and quarkus-oidc fails with an unexpected
 * error, hence a 500, on some such tokens (e.g. {@code Bearer ...}).
 */
@Singleton
public class BearerSyntax {

    private static final Pattern JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    @Inject
    EdgeRefusal refusal;

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(rc -> {
            String authorization = rc.request().getHeader("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    && !JWS.matcher(authorization.substring(7).trim()).matches()) {
                refusal.send(rc, 401, "Unauthorized", ErrorCodes.HEADER_INVALID, "Authorization",
                        "The access token is not valid", Map.of("WWW-Authenticate", "Bearer"));
                return;
            }
            rc.next();
        });
    }
}
