package org.openbanking.offers.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openbanking.common.ApiException;
import org.openbanking.offers.model.Offer;
import org.openbanking.offers.rest.OfferRequest;

class OfferRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private static OfferRequest offer(String description, String url, OfferRequest.Eligibility eligibility) {
        return new OfferRequest("Platinum card", description, "CreditCard", "12.9", null, url, "2026-12-01T00:00:00Z",
                "2027-06-01T00:00:00Z", eligibility);
    }

    private static List<String> refused(OfferRequest request) {
        Offer untouched = new Offer();
        ApiException refused = assertThrows(ApiException.class, () -> OfferRules.apply(untouched, request, NOW));
        assertNull(untouched.title, "nothing is copied from a refused request");
        return refused.errors().stream().map(e -> e.errorCode() + " " + e.path()).toList();
    }

    @Test
    void aValidOfferIsCopiedWithItsRules() {
        Offer offer = new Offer();
        OfferRules.apply(offer, offer("No fee for a year", "https://bank.example/card", new OfferRequest.Eligibility(
                new OfferRequest.Money("1000.00", "EUR"), null, List.of("CurrentAccount", "PrePaidCard"))), NOW);
        assertEquals("Platinum card", offer.title);
        assertEquals(new BigDecimal("1000.00"), offer.minAverageBalance);
        assertEquals("EUR", offer.ruleCurrency);
        assertEquals("CurrentAccount,PrePaidCard", offer.accountTypes);
        assertEquals("", offer.fees);
    }

    @Test
    void descriptionAndUrlKeepToObiesLimits() {
        OfferRules.apply(new Offer(), offer("x".repeat(500), "https://bank.example/" + "p".repeat(235), null), NOW);
        assertEquals(List.of("UK.OBIE.Field.Invalid Description"),
                refused(offer("x".repeat(501), "https://bank.example/card", null)));
        assertEquals(List.of("UK.OBIE.Field.Invalid Url"),
                refused(offer("Card", "https://bank.example/" + "p".repeat(236), null)));
    }

    @Test
    void everyViolationIsReportedTogether() {
        OfferRequest bad = new OfferRequest(null, "Card", "Yacht", "101", null, "http://bank.example", "soon",
                "2026-01-01T00:00:00Z", new OfferRequest.Eligibility(new OfferRequest.Money("1", "EUR"),
                        new OfferRequest.Money("1", "GBP"), List.of("Prepaid")));
        assertEquals(List.of("UK.OBIE.Field.Missing Title", "UK.OBIE.Field.Invalid ProductType",
                "UK.OBIE.Field.Invalid Rate", "UK.OBIE.Field.Invalid Url", "UK.OBIE.Field.InvalidDate StartDateTime",
                "UK.OBIE.Field.InvalidDate EndDateTime", "UK.OBIE.Field.Invalid Eligibility",
                "UK.OBIE.Field.Invalid Eligibility.AccountTypes"), refused(bad));
    }
}
