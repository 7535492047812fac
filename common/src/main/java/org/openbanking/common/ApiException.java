package org.openbanking.common;

import java.util.List;

/**
 * A failure that the caller should see as a 4xx/5xx in the contract's envelope. Services throw it; the shared mapper
 * renders it. Messages must be safe to show to the caller: never SQL, class names or internal hosts.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final List<ErrorDetail> errors;
    private final Long retryAfterSeconds;

    public ApiException(int status, String message, List<ErrorDetail> errors, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException badRequest(String errorCode, String path, String message) {
        return new ApiException(400, message, List.of(ErrorDetail.of(errorCode, path, message)), null);
    }

    public static ApiException badRequest(List<ErrorDetail> errors) {
        String message = errors.size() == 1 ? errors.get(0).message() : "The request has " + errors.size() + " errors";
        return new ApiException(400, message, errors, null);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message, List.of(ErrorDetail.of(ErrorCodes.RESOURCE_NOT_FOUND, null, message)), null);
    }

    public static ApiException forbidden(String errorCode, String message) {
        return new ApiException(403, message, List.of(ErrorDetail.of(errorCode, null, message)), null);
    }

    public static ApiException conflict(String errorCode, String message) {
        return new ApiException(409, message, List.of(ErrorDetail.of(errorCode, null, message)), null);
    }

    public static ApiException tooManyRequests(long retryAfterSeconds, String message) {
        return new ApiException(429, message, List.of(ErrorDetail.of(ErrorCodes.RATE_LIMITED, null, message)),
                retryAfterSeconds);
    }

    public static ApiException unavailable(long retryAfterSeconds, String message) {
        return new ApiException(503, message, List.of(ErrorDetail.of(ErrorCodes.DEPENDENCY_UNAVAILABLE, null, message)),
                retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public List<ErrorDetail> errors() {
        return errors;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
