package org.openbanking.gateway.edge;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.openbanking.common.ApiException;
import org.openbanking.common.ErrorCodes;
import org.openbanking.common.Ids;

/**
 * Who is calling, from the verified token only: a partner is its client id ({@code azp}), a user is {@code sub}, a
 * bank is its {@code bank_id} claim. Nothing the caller sends in a header or a body names the caller.
 */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken token;

    /**
     * The clients through which users sign in. A token they issued is a user's, whatever roles it carries (a user
     * given the partner role by mistake): it never acts as a partner named after the dashboard.
     */
    static final Set<String> USER_CLIENTS = Set.of("consent-dashboard", "dev-cli");

    public String partnerId() {
        String id = required(token.getClaim("azp"), "the token names no client");
        if (USER_CLIENTS.contains(id)) {
            throw ApiException.forbidden(ErrorCodes.HEADER_INVALID,
                    "The access token cannot be used here: it was issued to a user, not to a partner");
        }
        return id;
    }

    public String userId() {
        return required(token.getSubject(), "the token names no subject");
    }

    public String bankId() {
        return required(token.getClaim("bank_id"), "the token carries no bank_id");
    }

    private static String required(Object value, String why) {
        String id = value == null ? null : value.toString();
        if (!Ids.isValid(id)) {
            throw ApiException.forbidden(ErrorCodes.HEADER_INVALID, "The access token cannot be used here: " + why);
        }
        return id;
    }
}
