package org.openbanking.consent.model;

import java.util.Optional;

/** The kinds of data a partner reads under a consent; each is receipted under this name. */
public enum Resource {

    Accounts, Balances, Transactions, Offers;

    public static Optional<Resource> parse(String name) {
        for (Resource r : values()) {
            if (r.name().equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
