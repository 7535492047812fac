package org.openbanking.common;

/**
 * Realm roles held only by the platform's own service accounts (client credentials in Keycloak). Internal APIs admit
 * a caller by these roles; the end party's identity travels in the path of a request that such a caller made.
 */
public final class ServiceRoles {

    /** The gateway: the only caller of the internal APIs that act for partners, users, banks and operators. */
    public static final String GATEWAY = "svc-gateway";
    /** consent-service, when it checks account ownership with accounts-service. */
    public static final String CONSENT = "svc-consent";
    /** partner-offers-service, the only reader of eligibility facts. */
    public static final String OFFERS = "svc-offers";

    /** Which client may carry each service role: a service role in a token of another client counts for nothing. */
    private static final java.util.Map<String, String> HOLDER = java.util.Map.of(GATEWAY, "gateway", CONSENT,
            "consent-service", OFFERS, "partner-offers-service");

    private ServiceRoles() {
    }

    /** Whether {@code role} counts in a token issued to {@code clientId}: any other role does; a service role only there. */
    public static boolean admits(String role, String clientId) {
        String holder = HOLDER.get(role);
        return holder == null || holder.equals(clientId);
    }
}
