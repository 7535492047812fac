package org.openbanking.offers.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A bank's offer, as the contract shapes it. Dates and amounts stay strings so that bad ones get their own codes. */
public record OfferRequest(
        @JsonProperty("Title") String title,
        @JsonProperty("Description") String description,
        @JsonProperty("ProductType") String productType,
        @JsonProperty("Rate") String rate,
        @JsonProperty("Fees") String fees,
        @JsonProperty("Url") String url,
        @JsonProperty("StartDateTime") String startDateTime,
        @JsonProperty("EndDateTime") String endDateTime,
        @JsonProperty("Eligibility") Eligibility eligibility) {

    public record Eligibility(
            @JsonProperty("MinAverageBalance") Money minAverageBalance,
            @JsonProperty("MinMonthlyIncome") Money minMonthlyIncome,
            @JsonProperty("AccountTypes") List<String> accountTypes) {
    }

    public record Money(@JsonProperty("Amount") String amount, @JsonProperty("Currency") String currency) {
    }
}
