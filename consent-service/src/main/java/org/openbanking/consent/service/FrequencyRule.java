package org.openbanking.consent.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import org.openbanking.consent.model.Resource;

/**
 * FrequencyPerDay, the one place that says which budget a call is checked and counted in: calls that name an account
 * count against that account, calls that name none (the accounts list, offers) against one consent-wide bucket, per
 * UTC day. Calls with the user present are not counted at all.
 */
public final class FrequencyRule {

    /** The consent-wide bucket; account ids never take this value (they are checked by {@code Ids}). */
    public static final String CONSENT_WIDE = "*";

    private FrequencyRule() {
    }

    /** The bucket of a call, or empty when the call is not counted (the user is present). */
    public static Optional<String> bucketOf(Resource resource, String accountId, boolean userPresent) {
        if (userPresent) {
            return Optional.empty();
        }
        boolean namesAccount = accountId != null && resource != Resource.Offers;
        return Optional.of(namesAccount ? accountId : CONSENT_WIDE);
    }

    /** The UTC day a call made at {@code now} counts in. */
    public static LocalDate dayOf(Instant now) {
        return now.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** {@code Retry-After} for a call refused at {@code now}: until the next UTC day, at least one second. */
    public static long secondsUntilNextDay(Instant now) {
        Instant next = dayOf(now).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return Math.max(1, Duration.between(now, next).toSeconds());
    }
}
