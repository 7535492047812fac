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

    private ServiceRoles() {
    }
}
