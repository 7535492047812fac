package org.openbanking.gateway.downstream;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * consent-service's answer to an access decision. A permit names what the consent grants (resources, detail, which
 * transactions): the gateway checks membership in it and passes it on, it never maps permissions itself.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Decision(
        @JsonProperty("Decision") String decision,
        @JsonProperty("Status") int status,
        @JsonProperty("ErrorCode") String errorCode,
        @JsonProperty("Message") String message,
        @JsonProperty("RetryAfterSeconds") Long retryAfterSeconds,
        @JsonProperty("Grant") Grant grant,
        @JsonProperty("Receipt") ReceiptContext receipt,
        /** The FrequencyPerDay reservation of an unattended call: given back if the call serves nothing. */
        @JsonProperty("Reservation") String reservation) {

    public boolean permitted() {
        return "Permit".equals(decision);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Grant(
            @JsonProperty("ConsentId") String consentId,
            @JsonProperty("UserId") String userId,
            @JsonProperty("AccountIds") List<String> accountIds,
            @JsonProperty("Resources") List<String> resources,
            @JsonProperty("Detail") List<String> detail,
            @JsonProperty("CreditDebit") List<String> creditDebit,
            @JsonProperty("TransactionFromDateTime") String transactionFromDateTime,
            @JsonProperty("TransactionToDateTime") String transactionToDateTime,
            @JsonProperty("ExpirationDateTime") String expirationDateTime) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReceiptContext(@JsonProperty("Purpose") String purpose) {
    }
}
