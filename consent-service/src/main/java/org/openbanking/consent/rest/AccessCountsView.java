package org.openbanking.consent.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How often each of a user's consents was used: counted from the access receipts. */
public record AccessCountsView(@JsonProperty("Data") Data data) {

    public record Data(@JsonProperty("AccessCount") List<Count> accessCount) {
    }

    public record Count(
            @JsonProperty("ConsentId") String consentId,
            @JsonProperty("Accesses") long accesses,
            @JsonProperty("LastAccessDateTime") String lastAccessDateTime) {
    }
}
