package org.openbanking.gateway.partner;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.common.ApiException;
import org.openbanking.common.ErrorCodes;
import org.openbanking.common.ErrorDetail;
import org.openbanking.gateway.downstream.AccessDecisions;
import org.openbanking.gateway.downstream.ConsentClient;
import org.openbanking.gateway.downstream.Decision;
import org.openbanking.gateway.downstream.DecisionRequest;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Consent enforcement for partner data calls: no data is fetched before a permit. Permits come from consent-service,
 * or, for calls with the user present, from the decision cache while its event stream is alive (see
 * {@link DecisionCache}). Calls without the user present always ask consent-service, which counts them against
 * {@code FrequencyPerDay}. It fails closed: when consent-service cannot answer, the caller gets 503 and nothing.
 */
@ApplicationScoped
public class ConsentGuard {

    @Inject
    AccessDecisions decisions;
    @Inject
    ConsentClient consents;
    @Inject
    DecisionCache cache;
    @Inject
    MeterRegistry registry;

    /** A permit, or a failure carrying the contract's status and code (403, 429, 503). */
    public Uni<Decision> permit(String partnerId, String consentId, String resource, String accountId, boolean userPresent) {
        if (userPresent) {
            Optional<Decision> cached = cache.get(partnerId, consentId).filter(ConsentGuard::notExpired);
            if (cached.isPresent()) {
                registry.counter("gateway_decisions", "source", "cache").increment();
                return Uni.createFrom().item(withinGrant(cached.get(), resource, accountId));
            }
        }
        registry.counter("gateway_decisions", "source", "consent-service").increment();
        long mark = cache.mark();
        return ask(partnerId, consentId, resource, accountId, userPresent)
                .invoke(decision -> cache.put(partnerId, consentId, decision, mark));
    }

    private Uni<Decision> ask(String partnerId, String consentId, String resource, String accountId, boolean userPresent) {
        // Chosen here, so that a retry of this decision reserves the call once in FrequencyPerDay.
        DecisionRequest request = new DecisionRequest(consentId, resource, accountId, userPresent,
                UUID.randomUUID().toString());
        return decisions.decide(partnerId, request).map(decision -> {
            if (!decision.permitted()) {
                throw new ApiException(decision.status(), decision.message(),
                        List.of(ErrorDetail.of(decision.errorCode(), null, decision.message())), decision.retryAfterSeconds());
            }
            return decision;
        });
    }

    /**
     * Gives back the FrequencyPerDay reservation of a permit whose call served nothing. Best effort: if it cannot be
     * given back, the partner has one call fewer today, which errs on the user's side.
     */
    public Uni<Void> release(String partnerId, Decision decision) {
        if (decision == null || decision.reservation() == null) {
            return Uni.createFrom().voidItem();
        }
        return consents.write(api -> api.release(partnerId, decision.reservation()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** A cached permit past its consent's expiry is not used: consent-service answers with the right code. */
    private static boolean notExpired(Decision decision) {
        String expiry = decision.grant().expirationDateTime();
        return expiry != null && Instant.now().isBefore(OffsetDateTime.parse(expiry).toInstant());
    }

    /**
     * A cached permit of the same consent, checked against what consent-service said the consent grants: membership
     * only (the rule that maps permissions to resources is consent-service's). The messages are consent-service's.
     */
    static Decision withinGrant(Decision decision, String resource, String accountId) {
        Decision.Grant grant = decision.grant();
        if (!grant.resources().contains(resource)) {
            throw ApiException.forbidden(ErrorCodes.RESOURCE_CONSENT_MISMATCH,
                    "The consent does not grant access to " + resource);
        }
        if (accountId != null && !grant.accountIds().contains(accountId)) {
            throw ApiException.forbidden(ErrorCodes.RESOURCE_CONSENT_MISMATCH, "The consent does not cover this account");
        }
        return decision;
    }
}
