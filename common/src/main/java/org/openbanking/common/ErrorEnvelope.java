package org.openbanking.common;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The contract's error body, the same on every service and path. */
public record ErrorEnvelope(
        @JsonProperty("Code") String code,
        @JsonProperty("Id") String id,
        @JsonProperty("Message") String message,
        @JsonProperty("Errors") List<ErrorDetail> errors) {
}
