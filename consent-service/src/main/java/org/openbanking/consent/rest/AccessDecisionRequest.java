package org.openbanking.consent.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The gateway asks: may this partner read this resource (of this account) under this consent, now? */
public record AccessDecisionRequest(
        @JsonProperty("ConsentId") String consentId,
        @JsonProperty("Resource") String resource,
        @JsonProperty("AccountId") String accountId,
        @JsonProperty("UserPresent") Boolean userPresent,
        /** Chosen by the gateway, so that a retried decision reserves the call once (optional). */
        @JsonProperty("ReservationId") String reservationId) {
}
