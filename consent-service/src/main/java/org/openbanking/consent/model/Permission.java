package org.openbanking.consent.model;

import java.util.Optional;

/** The permissions a partner may ask for. */
public enum Permission {

    ReadAccountsBasic, ReadAccountsDetail, ReadBalances, ReadTransactionsBasic, ReadTransactionsDetail, ReadTransactionsCredits, ReadTransactionsDebits, ReadOffers;

    public static Optional<Permission> parse(String code) {
        for (Permission p : values()) {
            if (p.name().equals(code)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
