package org.openbanking.consent.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to an access decision. A denial carries the status and error code the gateway must answer with; a permit
 * carries what the consent grants (to apply, never to re-derive: see {@code AccessRule}) and what the receipt records.
 * Both carry the grant when the consent is the partner's, so that the gateway may cache it until an event says
 * otherwise.
 */
public record AccessDecisionView(
        @JsonProperty("Decision") String decision,
        @JsonProperty("Status") int status,
        @JsonProperty("ErrorCode") String errorCode,
        @JsonProperty("Message") String message,
        @JsonProperty("RetryAfterSeconds") Long retryAfterSeconds,
        @JsonProperty("Grant") Grant grant,
        @JsonProperty("Receipt") ReceiptContext receipt,
        /** The FrequencyPerDay reservation of an unattended permit, to give back if nothing is served. */
        @JsonProperty("Reservation") String reservation) {

    /**
     * The consent's grant: its accounts, the resources it grants, those shown with detail fields, which transactions
     * are shown (Credit, Debit), and the transaction window.
     */
    public record Grant(
            @JsonProperty("ConsentId") String consentId,
            @JsonProperty("Status") String status,
            @JsonProperty("UserId") String userId,
            @JsonProperty("AccountIds") List<String> accountIds,
            @JsonProperty("Resources") List<String> resources,
            @JsonProperty("Detail") List<String> detail,
            @JsonProperty("CreditDebit") List<String> creditDebit,
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
