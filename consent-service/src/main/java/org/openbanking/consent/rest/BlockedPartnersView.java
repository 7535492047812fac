package org.openbanking.consent.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The partners a user has blocked. */
public record BlockedPartnersView(@JsonProperty("Data") Data data) {

    public record Data(@JsonProperty("BlockedPartner") List<Entry> blockedPartner) {
    }

    public record Entry(
            @JsonProperty("PartnerId") String partnerId,
            @JsonProperty("PartnerName") String partnerName,
            @JsonProperty("BlockedDateTime") String blockedDateTime) {
    }
}
