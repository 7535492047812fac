package org.openbanking.consent.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Consents revoked because the user unlinked a bank, and the request naming that bank's accounts. */
public record RevokedView(@JsonProperty("Data") Data data) {

    public record Data(@JsonProperty("Revoked") List<String> revoked) {
    }

    public record Accounts(@JsonProperty("AccountIds") List<String> accountIds) {
    }
}
