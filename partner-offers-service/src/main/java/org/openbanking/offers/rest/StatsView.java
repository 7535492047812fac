package org.openbanking.offers.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Counts for one offer; absent (and {@code Suppressed}) when fewer than 5 distinct users are behind them. */
public record StatsView(
        @JsonProperty("OfferId") String offerId,
        @JsonProperty("Placements") Long placements,
        @JsonProperty("Shown") Long shown,
        @JsonProperty("Clicked") Long clicked,
        @JsonProperty("Suppressed") boolean suppressed) {
}
