package org.openbanking.gateway.downstream;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One access receipt as the gateway asks consent-service to store it (in a batch: {@link Batch}). The receipt id is
 * chosen here, so that a retried batch is stored once; who the user is and what the purpose was, consent-service takes
 * from the consent, never from here.
 */
public record ReceiptRequest(
        @JsonProperty("ReceiptId") String receiptId,
        @JsonProperty("ConsentId") String consentId,
        @JsonProperty("PartnerId") String partnerId,
        @JsonProperty("Resource") String resource,
        @JsonProperty("AccountIds") List<String> accountIds,
        @JsonProperty("RecordCount") int recordCount,
        @JsonProperty("InteractionId") String interactionId,
        @JsonProperty("UserPresent") boolean userPresent) {

    /** The body of {@code POST /internal/receipts}. */
    public record Batch(@JsonProperty("Receipt") List<ReceiptRequest> receipt) {
    }
}
