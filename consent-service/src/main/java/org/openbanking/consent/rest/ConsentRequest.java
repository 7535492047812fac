package org.openbanking.consent.rest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A partner's request for consent, as the contract shapes it. Dates stay strings so that bad ones get their own code. */
public record ConsentRequest(
        @JsonProperty("Data") Data data,
        @JsonProperty("Risk") Map<String, Object> risk) {

    public record Data(
            @JsonProperty("Permissions") List<String> permissions,
            @JsonProperty("ExpirationDateTime") String expirationDateTime,
            @JsonProperty("TransactionFromDateTime") String transactionFromDateTime,
            @JsonProperty("TransactionToDateTime") String transactionToDateTime,
            @JsonProperty("Purpose") Purpose purpose,
            @JsonProperty("FrequencyPerDay") Integer frequencyPerDay,
            @JsonProperty("ProhibitedUses") List<String> prohibitedUses) {
    }

    public record Purpose(
            @JsonProperty("Code") String code,
            @JsonProperty("Description") String description) {
    }
}
