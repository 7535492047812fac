package org.openbanking.offers.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfferTypesTest {

    @ParameterizedTest(name = "{0} is offered as {1}")
    @CsvSource({"Overdraft, LimitIncrease", "Savings, PromotionalRate", "CreditCard, Other", "PersonalLoan, Other",
            "Mortgage, Other"})
    void everyProductTypeHasAnObieOfferType(String productType, String offerType) {
        assertEquals(offerType, OfferTypes.of(productType));
    }
}
