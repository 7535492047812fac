package org.openbanking.common;

import java.util.regex.Pattern;

/** The shapes ids may take. Anything else is rejected before it reaches a query or a stored list. */
public final class Ids {

    /** Account, user and partner ids: URL-safe, no commas or spaces. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._~:@-]{1,255}");

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
}
