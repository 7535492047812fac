package org.openbanking.offers.rest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a partner receives: OBIE's OBReadOffer1, each offer with the consented account whose facts matched, an opaque
 * placement id as {@code OfferId}, and the extension fields {@code BankName}, {@code Title}, {@code ProductType} and
 * {@code Fees}. Never the facts or the rules that made it match.
 */
public record PlacementView(
        @JsonProperty("Data") Data data,
        @JsonProperty("Links") Links links,
        @JsonProperty("Meta") Map<String, Object> meta) {

    public record Data(@JsonProperty("Offer") List<Item> offer) {
    }

    public record Item(
            @JsonProperty("AccountId") String accountId,
            @JsonProperty("OfferId") String offerId,
            @JsonProperty("OfferType") String offerType,
            @JsonProperty("Description") String description,
            @JsonProperty("StartDateTime") String startDateTime,
            @JsonProperty("EndDateTime") String endDateTime,
            @JsonProperty("Rate") String rate,
            @JsonProperty("URL") String url,
            @JsonProperty("BankName") String bankName,
            @JsonProperty("Title") String title,
            @JsonProperty("ProductType") String productType,
            @JsonProperty("Fees") String fees) {
    }

    public record Links(@JsonProperty("Self") String self) {
    }

    public record Event(@JsonProperty("Type") String type) {
    }
}
