package org.openbanking.consent.rest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A user's consents, under {@code Data.Consent}. */
public record ConsentListView(
        @JsonProperty("Data") Data data,
        @JsonProperty("Links") ConsentView.Links links,
        @JsonProperty("Meta") Map<String, Object> meta) {

    public record Data(@JsonProperty("Consent") List<ConsentView.Data> consent) {
    }
}
