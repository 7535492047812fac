package org.openbanking.accounts.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A page of transactions (contract shape "Transaction"). Detail-only fields are null, hence absent, with Basic. */
public record TransactionView(
        @JsonProperty("Data") Data data,
        @JsonProperty("Links") AccountView.Links links,
        @JsonProperty("Meta") Meta meta) {

    public record Data(@JsonProperty("Transaction") List<Item> transaction) {
    }

    public record Item(
            @JsonProperty("AccountId") String accountId,
            @JsonProperty("TransactionId") String transactionId,
            @JsonProperty("CreditDebitIndicator") String creditDebitIndicator,
            @JsonProperty("Status") String status,
            @JsonProperty("BookingDateTime") String bookingDateTime,
            @JsonProperty("Amount") Amount amount,
            @JsonProperty("TransactionInformation") String transactionInformation,
            @JsonProperty("MerchantDetails") TransactionBatch.MerchantDetails merchantDetails,
            @JsonProperty("Balance") Balance balance) {
    }

    public record Balance(
            @JsonProperty("Amount") Amount amount,
            @JsonProperty("CreditDebitIndicator") String creditDebitIndicator,
            @JsonProperty("Type") String type) {
    }

    public record Meta(
            @JsonProperty("FirstAvailableDateTime") String firstAvailableDateTime,
            @JsonProperty("LastAvailableDateTime") String lastAvailableDateTime) {
    }
}
