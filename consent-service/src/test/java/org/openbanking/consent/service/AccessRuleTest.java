package org.openbanking.consent.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openbanking.consent.model.Resource;
import org.openbanking.consent.service.AccessRule.CreditDebit;
import org.openbanking.consent.service.AccessRule.Grant;

class AccessRuleTest {

    private static Grant grant(String purpose, String... permissions) {
        return AccessRule.grantOf(List.of(permissions), purpose);
    }

    @Test
    void basicOrDetailGrantsTheAccountsAndDetailShowsTheirDetailFields() {
        Grant basic = grant("AccountAggregation", "ReadAccountsBasic");
        assertEquals(Set.of(Resource.Accounts), basic.resources());
        assertEquals(Set.of(), basic.detailed());
        Grant detail = grant("AccountAggregation", "ReadAccountsDetail");
        assertEquals(Set.of(Resource.Accounts), detail.resources());
        assertEquals(Set.of(Resource.Accounts), detail.detailed());
    }

    @Test
    void balancesNeedReadBalances() {
        assertEquals(Set.of(Resource.Accounts, Resource.Balances),
                grant("AccountAggregation", "ReadAccountsBasic", "ReadBalances").resources());
    }

    @Test
    void transactionsNeedBasicOrDetailAndCreditsOrDebits() {
        Grant credits = grant("AccountAggregation", "ReadTransactionsBasic", "ReadTransactionsCredits");
        assertEquals(Set.of(Resource.Transactions), credits.resources());
        assertEquals(Set.of(CreditDebit.Credit), credits.creditDebit());
        assertEquals(Set.of(), credits.detailed());
        Grant both = grant("AccountAggregation", "ReadTransactionsDetail", "ReadTransactionsCredits",
                "ReadTransactionsDebits");
        assertEquals(Set.of(CreditDebit.Credit, CreditDebit.Debit), both.creditDebit());
        assertEquals(Set.of(Resource.Transactions), both.detailed());
        // Either half alone grants nothing, and shows no transactions.
        assertEquals(Set.of(), grant("AccountAggregation", "ReadTransactionsDetail").resources());
        Grant directionOnly = grant("AccountAggregation", "ReadTransactionsDebits");
        assertEquals(Set.of(), directionOnly.resources());
        assertEquals(Set.of(), directionOnly.creditDebit());
    }

    @Test
    void offersNeedReadOffersAndTheOfferPlacementPurpose() {
        assertEquals(Set.of(Resource.Accounts, Resource.Offers),
                grant("OfferPlacement", "ReadAccountsBasic", "ReadOffers").resources());
        assertEquals(Set.of(Resource.Accounts), grant("AccountAggregation", "ReadAccountsBasic", "ReadOffers").resources());
    }

    @Test
    void unknownPermissionsGrantNothing() {
        assertEquals(Set.of(), grant("OfferPlacement", "ReadEverything").resources());
    }

    @Test
    void aCallIsWithinTheGrantWhenItsResourceIsGrantedAndItsAccountIsTheConsents() {
        Grant grant = grant("AccountAggregation", "ReadAccountsBasic", "ReadBalances");
        List<String> accounts = List.of("acc-1", "acc-2");
        assertEquals(Optional.empty(), AccessRule.refusal(grant, accounts, Resource.Balances, "acc-2"));
        assertEquals(Optional.empty(), AccessRule.refusal(grant, accounts, Resource.Accounts, null));
        assertEquals(Optional.of("The consent does not grant access to Transactions"),
                AccessRule.refusal(grant, accounts, Resource.Transactions, "acc-1"));
        assertEquals(Optional.of("The consent does not cover this account"),
                AccessRule.refusal(grant, accounts, Resource.Balances, "acc-9"));
    }

    @Test
    void callsNamingAnAccountCountAgainstThatAccount() {
        assertEquals(Optional.of("acc-1"), AccessRule.bucketOf(Resource.Balances, "acc-1", false));
        assertEquals(Optional.of("acc-1"), AccessRule.bucketOf(Resource.Transactions, "acc-1", false));
        assertEquals(Optional.of("acc-1"), AccessRule.bucketOf(Resource.Accounts, "acc-1", false));
    }

    @Test
    void callsNamingNoAccountCountConsentWide() {
        assertEquals(Optional.of(AccessRule.CONSENT_WIDE), AccessRule.bucketOf(Resource.Accounts, null, false));
        assertEquals(Optional.of(AccessRule.CONSENT_WIDE), AccessRule.bucketOf(Resource.Offers, null, false));
        assertEquals(Optional.of(AccessRule.CONSENT_WIDE), AccessRule.bucketOf(Resource.Offers, "acc-1", false));
    }

    @Test
    void callsWithTheUserPresentAreNotCounted() {
        assertEquals(Optional.empty(), AccessRule.bucketOf(Resource.Balances, "acc-1", true));
        assertEquals(Optional.empty(), AccessRule.bucketOf(Resource.Accounts, null, true));
    }

    @Test
    void theDayIsTheUtcDayAndRetryAfterRunsToItsEnd() {
        Instant lateEvening = Instant.parse("2026-12-03T23:59:30Z");
        assertEquals(LocalDate.of(2026, 12, 3), AccessRule.dayOf(lateEvening));
        assertEquals(30, AccessRule.secondsUntilNextDay(lateEvening));
        assertEquals(1, AccessRule.secondsUntilNextDay(Instant.parse("2026-12-03T23:59:59.900Z")));
        assertEquals(86400, AccessRule.secondsUntilNextDay(Instant.parse("2026-12-04T00:00:00Z")));
    }
}
