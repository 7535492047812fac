package org.openbanking.offers.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An offer as its bank sees it, rules included. */
public record OfferView(
        @JsonProperty("OfferId") String offerId,
        @JsonProperty("BankId") String bankId,
        @JsonProperty("Status") String status,
        @JsonProperty("Title") String title,
        @JsonProperty("Description") String description,
        @JsonProperty("ProductType") String productType,
        @JsonProperty("Rate") String rate,
        @JsonProperty("Fees") String fees,
        @JsonProperty("Url") String url,
        @JsonProperty("StartDateTime") String startDateTime,
        @JsonProperty("EndDateTime") String endDateTime,
        @JsonProperty("Eligibility") OfferRequest.Eligibility eligibility) {

    public record List_(@JsonProperty("Data") Data data) {
    }

    public record Data(@JsonProperty("Offer") List<OfferView> offer) {
    }
}
