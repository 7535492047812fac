package org.openbanking.offers.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a partner receives (contract shape "Placement"): the offer's public content and an opaque id. Never the facts
 * or the rules that made it match.
 */
public record PlacementView(@JsonProperty("Data") Data data) {

    public record Data(@JsonProperty("Offer") List<Item> offer) {
    }

    public record Item(
            @JsonProperty("PlacementId") String placementId,
            @JsonProperty("BankName") String bankName,
            @JsonProperty("Title") String title,
            @JsonProperty("Description") String description,
            @JsonProperty("ProductType") String productType,
            @JsonProperty("Rate") String rate,
            @JsonProperty("Fees") String fees,
            @JsonProperty("Url") String url,
            @JsonProperty("EndDateTime") String endDateTime) {
    }

    public record Event(@JsonProperty("Type") String type) {
    }
}
