package org.openbanking.consent.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The accounts a user chooses when authorising a consent. */
public record AuthoriseRequest(@JsonProperty("AccountIds") List<String> accountIds) {
}
