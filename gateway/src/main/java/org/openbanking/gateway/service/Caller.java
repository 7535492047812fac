package org.openbanking.gateway.service;

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

    public String partnerId() {
        return required(token.getClaim("azp"), "the token names no client");
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
