package org.openbanking.consent.service;

import static org.openbanking.common.ErrorCodes.RESOURCE_INVALID_CONSENT_STATUS;

import java.time.Instant;

import org.openbanking.common.ApiException;
import org.openbanking.consent.model.Consent;
import org.openbanking.consent.model.ConsentStatus;

import io.smallrye.mutiny.Uni;

/**
 * The checks before a partner or a user reads or changes a consent: whose it is (anything else is a 404, so that ids
 * cannot be probed), and whether its status allows the change (a 409).
 */
final class ConsentChecks {

    private ConsentChecks() {
    }

    static Consent ownedByPartner(Consent consent, String partnerId) {
        // Another partner's consent is indistinguishable from one that does not exist.
        if (consent == null || !consent.partnerId.equals(partnerId)) {
            throw ApiException.notFound("No consent with this id");
        }
        return consent;
    }

    /**
     * A consent bound to a user is theirs alone; one awaiting authorisation is open to the user who follows the
     * partner's link, until someone decides it. Everything else is a 404, so that ids cannot be probed.
     */
    static Consent visibleToUser(Consent consent, String userId, Instant now) {
        if (consent == null) {
            throw ApiException.notFound("No consent with this id");
        }
        boolean bound = userId.equals(consent.userId);
        boolean open = consent.userId == null && consent.statusAt(now) == ConsentStatus.AwaitingAuthorisation;
        if (!bound && !open) {
            throw ApiException.notFound("No consent with this id");
        }
        return consent;
    }

    static Uni<Void> requireAwaiting(Consent consent, String verb, Instant now) {
        ConsentStatus status = consent.statusAt(now);
        if (status != ConsentStatus.AwaitingAuthorisation) {
            throw wrongState(status, verb);
        }
        return Uni.createFrom().voidItem();
    }

    static ApiException wrongState(ConsentStatus status, String verb) {
        return ApiException.conflict(RESOURCE_INVALID_CONSENT_STATUS,
                "The consent is " + status + " and cannot be " + verb);
    }
}
