package org.openbanking.consent.service;

import static org.openbanking.common.ErrorCodes.CONSENT_EXPIRED;
import static org.openbanking.common.ErrorCodes.CONSENT_REVOKED;
import static org.openbanking.common.ErrorCodes.FIELD_INVALID;
import static org.openbanking.common.ErrorCodes.FIELD_MISSING;
import static org.openbanking.common.ErrorCodes.RATE_LIMITED;
import static org.openbanking.common.ErrorCodes.RESOURCE_CONSENT_MISMATCH;
import static org.openbanking.common.ErrorCodes.RESOURCE_INVALID_CONSENT_STATUS;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.common.ApiException;
import org.openbanking.common.Failures;
import org.openbanking.common.Ids;
import org.openbanking.consent.model.Consent;
import org.openbanking.consent.model.ConsentStatus;
import org.openbanking.consent.model.Resource;
import org.openbanking.consent.repository.ConsentRepository;
import org.openbanking.consent.repository.FrequencyReservationRepository;
import org.openbanking.consent.repository.PartnerRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * May this partner read this resource under this consent, now? Answers permit, or deny with the status and error code
 * of the contract, and the scope to apply. The order of the checks decides what a denial reveals: a consent that is
 * not the caller's is denied before anything about it is looked at.
 */
@ApplicationScoped
public class AccessDecisionService {

    /** The outcome: {@code consent} is set whenever the consent is the caller's (for the scope and caching). */
    public record Decision(boolean permit, int status, String errorCode, String message, Long retryAfterSeconds,
            Consent consent, Long unattendedCallsToday, UUID reservation) {

        static Decision deny(int status, String errorCode, String message, Consent consent) {
            return new Decision(false, status, errorCode, message, null, consent, null, null);
        }
    }

    @Inject
    ConsentRepository consents;
    @Inject
    PartnerRepository partners;
    @Inject
    FrequencyReservationRepository frequency;
    @Inject
    ConsentTransitions transitions;

    public Uni<Decision> decide(String partnerId, String consentId, String resourceName, String accountId,
            boolean userPresent, String reservationId) {
        Ids.requireValid(partnerId, "PartnerId");
        if (consentId == null) {
            throw ApiException.badRequest(FIELD_MISSING, "ConsentId", "ConsentId is required");
        }
        Resource resource = resourceName == null ? null : Resource.parse(resourceName).orElse(null);
        if (resource == null) {
            throw ApiException.badRequest(FIELD_INVALID, "Resource",
                    "Resource must be one of Accounts, Balances, Transactions, Offers");
        }
        if (accountId == null && (resource == Resource.Balances || resource == Resource.Transactions)) {
            throw ApiException.badRequest(FIELD_MISSING, "AccountId", "AccountId is required for " + resource);
        }
        if (accountId != null && !Ids.isValid(accountId)) {
            throw ApiException.badRequest(FIELD_INVALID, "AccountId", "Not a valid account id");
        }
        UUID reservation = reservationId == null ? UUID.randomUUID() : parseReservation(reservationId);
        Instant now = transitions.now();
        // The session (and its pooled connection) ends before the reservation takes a connection of its own: holding
        // one while waiting for another starves the pool once as many calls run in parallel as it has connections.
        return Panache.withSession(() -> byConsent(partnerId, consentId, resource, accountId, now))
                .chain(checked -> checked.permit()
                        ? byFrequency(checked.consent(), resource, accountId, userPresent, now, reservation)
                        : Uni.createFrom().item(checked));
    }

    /** Every check but FrequencyPerDay: a denial, or a permit that still has to reserve its call. */
    private Uni<Decision> byConsent(String partnerId, String consentId, Resource resource, String accountId,
            Instant now) {
        return consents.findById(consentId).chain(consent -> {
            if (consent == null || !consent.partnerId.equals(partnerId)) {
                return Uni.createFrom().item(Decision.deny(403, RESOURCE_CONSENT_MISMATCH,
                        "The consent does not cover this request", null));
            }
            Decision byState = byStatus(consent, consent.statusAt(now));
            if (byState != null) {
                return Uni.createFrom().item(byState);
            }
            Decision byScope = byScope(consent, resource, accountId);
            if (byScope != null) {
                return Uni.createFrom().item(byScope);
            }
            return partners.findById(partnerId).chain(partner -> {
                if (partner != null && partner.isSuspended()) {
                    return Uni.createFrom().item(Decision.deny(403, RESOURCE_CONSENT_MISMATCH,
                            "The consent does not cover this request", consent));
                }
                return Uni.createFrom().item(new Decision(true, 200, null, null, null, consent, null, null));
            });
        });
    }

    private static Decision byStatus(Consent consent, ConsentStatus status) {
        return switch (status) {
            case Authorised -> null;
            case Expired -> Decision.deny(403, CONSENT_EXPIRED, "The consent has expired", consent);
            case Revoked -> Decision.deny(403, CONSENT_REVOKED, "The consent has been revoked", consent);
            case AwaitingAuthorisation, Rejected -> Decision.deny(403, RESOURCE_INVALID_CONSENT_STATUS,
                    "The consent is " + status + ", not Authorised", consent);
        };
    }

    private static Decision byScope(Consent consent, Resource resource, String accountId) {
        return AccessRule.refusal(AccessRule.grantOf(consent.permissions, consent.purposeCode), consent.accountIds,
                resource, accountId)
                .map(message -> Decision.deny(403, RESOURCE_CONSENT_MISMATCH, message, consent))
                .orElse(null);
    }

    /**
     * FrequencyPerDay: the call is reserved in its bucket ({@link AccessRule}) as it is decided, atomically, so
     * parallel calls cannot all pass a check made before any of them was counted. Calls with the user present are not
     * counted.
     */
    private Uni<Decision> byFrequency(Consent consent, Resource resource, String accountId, boolean userPresent,
            Instant now, UUID reservation) {
        Optional<String> bucket = AccessRule.bucketOf(resource, accountId, userPresent);
        if (bucket.isEmpty()) {
            return Uni.createFrom().item(new Decision(true, 200, null, null, null, consent, null, null));
        }
        return frequency.reserve(reservation, consent.id, consent.partnerId, bucket.get(), AccessRule.dayOf(now),
                consent.frequencyPerDay).map(
                        used -> used == null
                                ? new Decision(false, 429, RATE_LIMITED,
                                        "FrequencyPerDay of this consent is used up for today without the user present",
                                        AccessRule.secondsUntilNextDay(now), consent, (long) consent.frequencyPerDay, null)
                                : new Decision(true, 200, null, null, null, consent, (long) used, reservation))
                // The gateway retried a decision whose answer it lost: the call was reserved once, by the first try.
                .onFailure(Failures::isUniqueViolation).recoverWithUni(() -> frequency
                        .isReservedFor(reservation, consent.id, consent.partnerId, bucket.get())
                        .map(same -> {
                            if (!same) {
                                throw ApiException.badRequest(FIELD_INVALID, "ReservationId",
                                        "ReservationId is already used by another call");
                            }
                            return new Decision(true, 200, null, null, null, consent, null, reservation);
                        }));
    }

    private static UUID parseReservation(String reservationId) {
        try {
            return UUID.fromString(reservationId);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(FIELD_INVALID, "ReservationId", "ReservationId must be a UUID");
        }
    }

    /** Gives back a reserved call that served nothing (the gateway's data call or receipt failed). */
    public Uni<Void> release(String partnerId, String reservationId) {
        Ids.requireValid(partnerId, "PartnerId");
        UUID id;
        try {
            id = UUID.fromString(reservationId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.notFound("No reservation with this id");
        }
        return frequency.release(id, partnerId).invoke(found -> {
            if (!found) {
                throw ApiException.notFound("No reservation with this id");
            }
        }).replaceWithVoid();
    }
}
