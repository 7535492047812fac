package org.openbanking.gateway.downstream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An access decision asked of consent-service. The gateway chooses {@code ReservationId}, so that a retry of the same
 * decision reserves the call once in FrequencyPerDay.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionRequest(
        @JsonProperty("ConsentId") String consentId,
        @JsonProperty("Resource") String resource,
        @JsonProperty("AccountId") String accountId,
        @JsonProperty("UserPresent") boolean userPresent,
        @JsonProperty("ReservationId") String reservationId) {
}
