package org.openbanking.accounts.rest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Balances (contract shape "Balance"): booked and available. */
public record BalanceView(
        @JsonProperty("Data") Data data,
        @JsonProperty("Links") AccountView.Links links,
        @JsonProperty("Meta") Map<String, Object> meta) {

    public record Data(@JsonProperty("Balance") List<Item> balance) {
    }

    public record Item(
            @JsonProperty("AccountId") String accountId,
            @JsonProperty("Amount") Amount amount,
            @JsonProperty("CreditDebitIndicator") String creditDebitIndicator,
            @JsonProperty("Type") String type,
            @JsonProperty("DateTime") String dateTime) {
    }
}
