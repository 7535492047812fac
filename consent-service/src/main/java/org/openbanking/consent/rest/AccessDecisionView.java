package org.openbanking.consent.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to an access decision. A denial carries the status and error code the gateway must answer with; a permit
 * carries the scope to apply and what the receipt records. Both carry the scope when the consent is the partner's, so
 * that the gateway may cache it until an event says otherwise.
 */
public record AccessDecisionView(
        @JsonProperty("Decision") String decision,
        @JsonProperty("Status") int status,
        @JsonProperty("ErrorCode") String errorCode,
        @JsonProperty("Message") String message,
        @JsonProperty("RetryAfterSeconds") Long retryAfterSeconds,
        @JsonProperty("Scope") Scope scope,
        @JsonProperty("Receipt") ReceiptContext receipt,
        /** The FrequencyPerDay reservation of an unattended permit, to give back if nothing is served. */
        @JsonProperty("Reservation") String reservation) {

    public record Scope(
            @JsonProperty("ConsentId") String consentId,
            @JsonProperty("Status") String status,
            @JsonProperty("UserId") String userId,
            @JsonProperty("AccountIds") List<String> accountIds,
            @JsonProperty("Permissions") List<String> permissions,
            @JsonProperty("TransactionFromDateTime") String transactionFromDateTime,
            @JsonProperty("TransactionToDateTime") String transactionToDateTime,
            @JsonProperty("ExpirationDateTime") String expirationDateTime,
            @JsonProperty("FrequencyPerDay") int frequencyPerDay,
            @JsonProperty("UnattendedCallsToday") Long unattendedCallsToday) {
    }

    public record ReceiptContext(
            @JsonProperty("UserId") String userId,
            @JsonProperty("PartnerName") String partnerName,
            @JsonProperty("Purpose") String purpose,
            @JsonProperty("ProhibitedUses") List<String> prohibitedUses) {
    }
}
