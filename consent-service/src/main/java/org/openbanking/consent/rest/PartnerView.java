package org.openbanking.consent.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A partner as consent-service knows it; {@code RevokedConsents} only on suspension. */
public record PartnerView(
        @JsonProperty("PartnerId") String partnerId,
        @JsonProperty("Name") String name,
        @JsonProperty("Status") String status,
        @JsonProperty("EndedConsents") Integer endedConsents) {

    public record Registration(@JsonProperty("Name") String name) {
    }
}
