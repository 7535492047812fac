package org.openbanking.consent.service;

import java.util.regex.Pattern;

import org.openbanking.common.ApiException;
import org.openbanking.common.ErrorCodes;

/** The shapes ids may take. Anything else is rejected before it reaches a query or a stored list. */
public final class Ids {

    /** Account, user and partner ids: URL-safe, no commas or spaces. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._~:@-]{1,255}");
    private static final Pattern CONSENT_ID = Pattern.compile("aac-[0-9a-f-]{36}");

    private Ids() {
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Ids that reach this service from the gateway (users, partners) must be well-formed; otherwise a 400. */
    public static void requireValid(String id, String path) {
        if (!isValid(id)) {
            throw ApiException.badRequest(ErrorCodes.FIELD_INVALID, path, "Not a valid id");
        }
    }

    public static boolean isConsentId(String id) {
        return id != null && CONSENT_ID.matcher(id).matches();
    }
}
