package org.openbanking.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of the envelope's {@code Errors}: what is wrong, and where ({@code Path} names the field or header). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorDetail(
        @JsonProperty("ErrorCode") String errorCode,
        @JsonProperty("Message") String message,
        @JsonProperty("Path") String path) {

    public static ErrorDetail of(String errorCode, String path, String message) {
        return new ErrorDetail(errorCode, message, path);
    }
}
