package org.openbanking.consent.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Receipts the gateway records before it sends data; one batch commits or fails as a whole. */
public record ReceiptBatch(@JsonProperty("Receipt") List<Entry> receipt) {

    public record Entry(
            @JsonProperty("ReceiptId") String receiptId,
            @JsonProperty("ConsentId") String consentId,
            @JsonProperty("PartnerId") String partnerId,
            @JsonProperty("Resource") String resource,
            @JsonProperty("AccountIds") List<String> accountIds,
            @JsonProperty("RecordCount") Integer recordCount,
            @JsonProperty("InteractionId") String interactionId,
            @JsonProperty("UserPresent") Boolean userPresent) {
    }
}
