package org.openbanking.consent.model;

import java.util.Optional;

/** Why a partner asks for data; shown to the user and copied into every receipt. */
public enum PurposeCode {

    AccountAggregation, PersonalFinanceManagement, OfferPlacement;

    public static Optional<PurposeCode> parse(String code) {
        for (PurposeCode p : values()) {
            if (p.name().equals(code)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
