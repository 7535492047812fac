package org.openbanking.accounts.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Offer-eligibility facts of a user's accounts, one entry per account, for partner-offers-service only. Amounts are
 * the lower bounds of bands, not the user's figures: even the one service that reads them learns no more than matching
 * needs.
 */
public record FactsView(@JsonProperty("Data") Data data) {

    public record Data(@JsonProperty("UserId") String userId, @JsonProperty("Account") List<AccountFacts> account) {
    }

    public record AccountFacts(
            @JsonProperty("AccountId") String accountId,
            @JsonProperty("AverageBalance90DaysBand") Amount averageBalance90DaysBand,
            @JsonProperty("MonthlyIncomeBand") Amount monthlyIncomeBand,
            @JsonProperty("AccountSubType") String accountSubType) {
    }
}
