package org.openbanking.consent.rest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A consent as partners and users see it (contract shape "Consent"; OBReadConsentResponse1 plus extensions). */
public record ConsentView(
        @JsonProperty("Data") Data data,
        /** OBRisk2, which has no fields for account access: the {} every consent request must carry, returned. */
        @JsonProperty("Risk") Map<String, Object> risk,
        @JsonProperty("Links") Links links,
        @JsonProperty("Meta") Map<String, Object> meta) {

    public record Data(
            @JsonProperty("ConsentId") String consentId,
            @JsonProperty("Status") String status,
            @JsonProperty("StatusReason") List<StatusReason> statusReason,
            @JsonProperty("CreationDateTime") String creationDateTime,
            @JsonProperty("StatusUpdateDateTime") String statusUpdateDateTime,
            @JsonProperty("Permissions") List<String> permissions,
            @JsonProperty("ExpirationDateTime") String expirationDateTime,
            @JsonProperty("TransactionFromDateTime") String transactionFromDateTime,
            @JsonProperty("TransactionToDateTime") String transactionToDateTime,
            @JsonProperty("Purpose") ConsentRequest.Purpose purpose,
            @JsonProperty("ProhibitedUses") List<String> prohibitedUses,
            @JsonProperty("FrequencyPerDay") int frequencyPerDay,
            @JsonProperty("PartnerId") String partnerId,
            @JsonProperty("PartnerName") String partnerName,
            @JsonProperty("AccountIds") List<String> accountIds) {
    }

    public record StatusReason(
            @JsonProperty("StatusReasonCode") String statusReasonCode,
            @JsonProperty("StatusReasonDescription") String statusReasonDescription) {
    }

    public record Links(@JsonProperty("Self") String self) {
    }
}
