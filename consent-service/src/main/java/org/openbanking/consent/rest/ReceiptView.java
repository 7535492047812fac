package org.openbanking.consent.rest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A page of access receipts (contract shape "Access receipt"), newest first. */
public record ReceiptView(
        @JsonProperty("Data") Data data,
        @JsonProperty("Links") Links links,
        @JsonProperty("Meta") Map<String, Object> meta) {

    public record Data(@JsonProperty("Receipt") List<Receipt> receipt) {
    }

    public record Receipt(
            @JsonProperty("ReceiptId") String receiptId,
            @JsonProperty("ConsentId") String consentId,
            @JsonProperty("PartnerId") String partnerId,
            @JsonProperty("PartnerName") String partnerName,
            @JsonProperty("Resource") String resource,
            @JsonProperty("AccountIds") List<String> accountIds,
            @JsonProperty("RecordCount") int recordCount,
            @JsonProperty("Purpose") String purpose,
            @JsonProperty("ProhibitedUses") List<String> prohibitedUses,
            @JsonProperty("InteractionId") String interactionId,
            @JsonProperty("UserPresent") boolean userPresent,
            @JsonProperty("DateTime") String dateTime) {
    }

    public record Links(@JsonProperty("Self") String self, @JsonProperty("Next") String next) {
    }
}
