package org.openbanking.consent.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.openbanking.consent.model.Resource;

class FrequencyRuleTest {

    @Test
    void callsNamingAnAccountCountAgainstThatAccount() {
        assertEquals(Optional.of("acc-1"), FrequencyRule.bucketOf(Resource.Balances, "acc-1", false));
        assertEquals(Optional.of("acc-1"), FrequencyRule.bucketOf(Resource.Transactions, "acc-1", false));
        assertEquals(Optional.of("acc-1"), FrequencyRule.bucketOf(Resource.Accounts, "acc-1", false));
    }

    @Test
    void callsNamingNoAccountCountConsentWide() {
        assertEquals(Optional.of(FrequencyRule.CONSENT_WIDE), FrequencyRule.bucketOf(Resource.Accounts, null, false));
        assertEquals(Optional.of(FrequencyRule.CONSENT_WIDE), FrequencyRule.bucketOf(Resource.Offers, null, false));
        assertEquals(Optional.of(FrequencyRule.CONSENT_WIDE), FrequencyRule.bucketOf(Resource.Offers, "acc-1", false));
    }

    @Test
    void callsWithTheUserPresentAreNotCounted() {
        assertEquals(Optional.empty(), FrequencyRule.bucketOf(Resource.Balances, "acc-1", true));
        assertEquals(Optional.empty(), FrequencyRule.bucketOf(Resource.Accounts, null, true));
    }

    @Test
    void theDayIsTheUtcDayAndRetryAfterRunsToItsEnd() {
        Instant lateEvening = Instant.parse("2026-12-03T23:59:30Z");
        assertEquals(LocalDate.of(2026, 12, 3), FrequencyRule.dayOf(lateEvening));
        assertEquals(30, FrequencyRule.secondsUntilNextDay(lateEvening));
        assertEquals(1, FrequencyRule.secondsUntilNextDay(Instant.parse("2026-12-03T23:59:59.900Z")));
        assertEquals(86400, FrequencyRule.secondsUntilNextDay(Instant.parse("2026-12-04T00:00:00Z")));
    }
}
