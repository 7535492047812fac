package org.openbanking.gateway.partner;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** consent-service's answer to an access decision. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Decision(
        @JsonProperty("Decision") String decision,
        @JsonProperty("Status") int status,
        @JsonProperty("ErrorCode") String errorCode,
        @JsonProperty("Message") String message,
        @JsonProperty("RetryAfterSeconds") Long retryAfterSeconds,
        @JsonProperty("Scope") Scope scope,
        @JsonProperty("Receipt") ReceiptContext receipt,
        /** The FrequencyPerDay reservation of an unattended call: given back if the call serves nothing. */
        @JsonProperty("Reservation") String reservation) {

    public boolean permitted() {
        return "Permit".equals(decision);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Scope(
            @JsonProperty("ConsentId") String consentId,
            @JsonProperty("UserId") String userId,
            @JsonProperty("AccountIds") List<String> accountIds,
            @JsonProperty("Permissions") List<String> permissions,
            @JsonProperty("TransactionFromDateTime") String transactionFromDateTime,
            @JsonProperty("TransactionToDateTime") String transactionToDateTime,
            @JsonProperty("ExpirationDateTime") String expirationDateTime) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReceiptContext(@JsonProperty("Purpose") String purpose) {
    }
}
