package org.openbanking.consent.model;

/** The consent lifecycle. {@code Rejected}, {@code Revoked} and {@code Expired} are final. */
public enum ConsentStatus {

    AwaitingAuthorisation, Authorised, Rejected, Revoked, Expired;

    public boolean isFinal() {
        return this == Rejected || this == Revoked || this == Expired;
    }
}
