package org.openbanking.accounts.rest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Accounts (contract shape "Account"). */
public record AccountView(
        @JsonProperty("Data") Data data,
        @JsonProperty("Links") Links links,
        @JsonProperty("Meta") Map<String, Object> meta) {

    public record Data(@JsonProperty("Account") List<Item> account) {
    }

    /**
     * One account. {@code Account} (the identification) only with ReadAccountsDetail; with Basic the partner gets
     * {@code MaskedIdentification} instead, enough to tell accounts apart. {@code BankId} only for the user's own view.
     */
    public record Item(
            @JsonProperty("AccountId") String accountId,
            @JsonProperty("Currency") String currency,
            @JsonProperty("AccountType") String accountType,
            @JsonProperty("AccountSubType") String accountSubType,
            @JsonProperty("Nickname") String nickname,
            @JsonProperty("MaskedIdentification") String maskedIdentification,
            @JsonProperty("Account") List<Identification> account,
            @JsonProperty("BankId") String bankId) {
    }

    public record Identification(
            @JsonProperty("SchemeName") String schemeName,
            @JsonProperty("Identification") String identification) {
    }

    public record Links(@JsonProperty("Self") String self, @JsonProperty("Next") String next) {
    }
}
