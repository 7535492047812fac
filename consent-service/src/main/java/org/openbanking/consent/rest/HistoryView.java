package org.openbanking.consent.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A consent's history, oldest first, under {@code Data.History}. */
public record HistoryView(
        @JsonProperty("Data") Data data,
        @JsonProperty("Links") ConsentView.Links links) {

    public record Data(
            @JsonProperty("ConsentId") String consentId,
            @JsonProperty("History") List<Entry> history) {
    }

    public record Entry(
            @JsonProperty("From") String from,
            @JsonProperty("To") String to,
            @JsonProperty("Actor") String actor,
            @JsonProperty("Reason") String reason,
            @JsonProperty("DateTime") String dateTime) {
    }
}
