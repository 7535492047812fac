package org.openbanking.offers.service;

/**
 * A bank's product type as OBIE's {@code OfferType} (OBExternalOfferType1Code: BalanceTransfer, LimitIncrease,
 * MoneyTransfer, Other, PromotionalRate). An overdraft offer raises what the user may borrow on an account: a limit
 * increase. A savings offer is a rate. A credit card, a loan or a mortgage is a new product, not an increase of an
 * existing limit: Other, with the product named in the extension field {@code ProductType}.
 */
public final class OfferTypes {

    private OfferTypes() {
    }

    public static String of(String productType) {
        return switch (productType) {
            case "Overdraft" -> "LimitIncrease";
            case "Savings" -> "PromotionalRate";
            default -> "Other";
        };
    }
}
