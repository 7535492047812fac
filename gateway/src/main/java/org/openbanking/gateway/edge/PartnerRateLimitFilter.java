package org.openbanking.gateway.edge;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The partner rate limit, applied once to every resource marked {@link PartnerRateLimited}, before the call does any
 * work. Only partners are counted: a caller without the partner role is refused by the resource's
 * {@code @RolesAllowed} whichever runs first, and must not spend a partner's bucket or be told 429 instead of 403.
 */
@Provider
@PartnerRateLimited
@Priority(Priorities.USER)
public class PartnerRateLimitFilter implements ContainerRequestFilter {

    @Inject
    SecurityIdentity identity;
    @Inject
    Caller caller;
    @Inject
    PartnerRateLimiter limiter;

    @Override
    public void filter(ContainerRequestContext request) {
        if (identity.hasRole("partner")) {
            String partnerId = caller.partnerId();
            TraceAttributes.partner(partnerId);
            request.setProperty(PartnerCallMetrics.PARTNER, partnerId);
            limiter.acquire(partnerId);
        }
    }
}
