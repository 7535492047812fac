package org.openbanking.common;

/** The error codes of the contract's envelope: the only values {@code Errors[].ErrorCode} may take. */
public final class ErrorCodes {

    public static final String FIELD_INVALID = "UK.OBIE.Field.Invalid";
    public static final String FIELD_MISSING = "UK.OBIE.Field.Missing";
    public static final String FIELD_INVALID_DATE = "UK.OBIE.Field.InvalidDate";
    public static final String HEADER_INVALID = "UK.OBIE.Header.Invalid";
    public static final String HEADER_MISSING = "UK.OBIE.Header.Missing";
    public static final String RESOURCE_NOT_FOUND = "UK.OBIE.Resource.NotFound";
    public static final String RESOURCE_INVALID_CONSENT_STATUS = "UK.OBIE.Resource.InvalidConsentStatus";
    public static final String RESOURCE_CONSENT_MISMATCH = "UK.OBIE.Resource.ConsentMismatch";
    public static final String RULES_RESOURCE_ALREADY_EXISTS = "UK.OBIE.Rules.ResourceAlreadyExists";
    public static final String UNEXPECTED_ERROR = "UK.OBIE.UnexpectedError";
    public static final String CONSENT_EXPIRED = "OB.Consent.Expired";
    public static final String CONSENT_REVOKED = "OB.Consent.Revoked";
    public static final String RATE_LIMITED = "OB.RateLimited";
    public static final String DEPENDENCY_UNAVAILABLE = "OB.DependencyUnavailable";

    private ErrorCodes() {
    }
}
