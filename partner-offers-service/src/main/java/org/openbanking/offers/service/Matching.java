package org.openbanking.offers.service;

import java.util.Arrays;

import org.openbanking.offers.client.AccountsClient;
import org.openbanking.offers.model.Offer;

/**
 * Does an offer's rules admit one account's banded facts? Facts are the lower bounds of bands, so a user matches a minimum
 * only when their whole band is at or above it: matching errs on the side of not placing.
 */
final class Matching {

    private Matching() {
    }

    static boolean matches(Offer offer, AccountsClient.Facts facts) {
        if (offer.ruleCurrency != null && !offer.ruleCurrency.equals(facts.currency())) {
            return false;
        }
        if (offer.minAverageBalance != null && facts.averageBalanceBand().compareTo(offer.minAverageBalance) < 0) {
            return false;
        }
        if (offer.minMonthlyIncome != null && facts.monthlyIncomeBand().compareTo(offer.minMonthlyIncome) < 0) {
            return false;
        }
        return offer.accountTypes == null
                || Arrays.stream(offer.accountTypes.split(",")).anyMatch(facts.accountType()::equals);
    }
}
