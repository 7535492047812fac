package org.openbanking.accounts.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A bank's upsert of one of its customer's accounts, with the current balances. */
public record AccountLoad(
        @JsonProperty("Currency") String currency,
        @JsonProperty("AccountType") String accountType,
        @JsonProperty("AccountSubType") String accountSubType,
        @JsonProperty("Nickname") String nickname,
        @JsonProperty("Iban") String iban,
        @JsonProperty("OpeningDate") String openingDate,
        @JsonProperty("Balance") Balance balance) {

    public record Balance(@JsonProperty("Booked") Amount booked, @JsonProperty("Available") Amount available) {
    }
}
