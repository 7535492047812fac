package org.openbanking.accounts.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A bank's batch of transactions for one account: up to 1,000, idempotent by {@code TransactionId}. */
public record TransactionBatch(@JsonProperty("Transaction") List<Entry> transaction) {

    public record Entry(
            @JsonProperty("TransactionId") String transactionId,
            @JsonProperty("BookingDateTime") String bookingDateTime,
            @JsonProperty("Amount") Amount amount,
            @JsonProperty("CreditDebitIndicator") String creditDebitIndicator,
            @JsonProperty("Status") String status,
            @JsonProperty("TransactionInformation") String transactionInformation,
            @JsonProperty("MerchantDetails") MerchantDetails merchantDetails,
            @JsonProperty("BalanceAfter") Amount balanceAfter) {
    }

    public record MerchantDetails(
            @JsonProperty("MerchantName") String merchantName,
            @JsonProperty("MerchantCategoryCode") String merchantCategoryCode) {
    }
}
