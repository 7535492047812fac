package org.openbanking.accounts.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Money at the edge: the amount as a string, with its currency. */
public record Amount(@JsonProperty("Amount") String amount, @JsonProperty("Currency") String currency) {
}
