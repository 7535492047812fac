package org.openbanking.consent.service;

import static org.openbanking.common.ErrorCodes.FIELD_INVALID;
import static org.openbanking.common.ErrorCodes.FIELD_INVALID_DATE;
import static org.openbanking.common.ErrorCodes.FIELD_MISSING;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.openbanking.common.ApiException;
import org.openbanking.common.DateTimes;
import org.openbanking.common.ErrorDetail;
import org.openbanking.common.Text;
import org.openbanking.consent.model.Permission;
import org.openbanking.consent.model.PurposeCode;
import org.openbanking.consent.rest.ConsentRequest;

/**
 * The contract's rules for a new consent. Every violation is reported with its error code and the path of the field;
 * all violations of a request are reported together.
 */
public final class ConsentRules {

    /** Every consent states these; a partner cannot change them. */
    public static final List<String> PROHIBITED_USES = List.of("Advertising", "Profiling", "Resale");
    public static final int DEFAULT_FREQUENCY_PER_DAY = 4;
    public static final int MAX_DESCRIPTION_LENGTH = 280;

    /** A request that passed every rule. */
    public record NewConsent(List<String> permissions, Instant expiration, Instant transactionFrom, Instant transactionTo,
            PurposeCode purpose, String purposeDescription, int frequencyPerDay) {
    }

    private ConsentRules() {
    }

    public static NewConsent validate(ConsentRequest request, Instant now) {
        List<ErrorDetail> errors = new ArrayList<>();
        if (request == null || request.data() == null) {
            throw ApiException.badRequest(FIELD_MISSING, "Data", "Data is required");
        }
        ConsentRequest.Data data = request.data();
        // OBReadConsent1 requires Risk, an OBRisk2: an object that for account access has no fields at all (the schema
        // closes it), so {} is the only valid Risk, and it is what every consent response carries back.
        if (request.risk() == null) {
            errors.add(ErrorDetail.of(FIELD_MISSING, "Risk", "Risk is required: {} for account access"));
        } else {
            request.risk().keySet().forEach(name -> errors.add(ErrorDetail.of(FIELD_INVALID, "Risk." + name,
                    "OBRisk2 has no fields for account access: Risk must be {}")));
        }

        List<String> permissions = permissions(data.permissions(), errors);

        Instant expiration = null;
        if (data.expirationDateTime() == null) {
            errors.add(ErrorDetail.of(FIELD_MISSING, "Data.ExpirationDateTime", "ExpirationDateTime is required"));
        } else {
            expiration = DateTimes.parse(data.expirationDateTime());
            if (expiration == null) {
                errors.add(ErrorDetail.of(FIELD_INVALID_DATE, "Data.ExpirationDateTime",
                        "ExpirationDateTime must be an ISO 8601 date-time with an offset"));
            } else if (!expiration.isAfter(now)) {
                errors.add(ErrorDetail.of(FIELD_INVALID_DATE, "Data.ExpirationDateTime",
                        "ExpirationDateTime must be in the future"));
                expiration = null;
            } else if (expiration.isAfter(now.atOffset(ZoneOffset.UTC).plusYears(1).toInstant())) {
                errors.add(ErrorDetail.of(FIELD_INVALID_DATE, "Data.ExpirationDateTime",
                        "ExpirationDateTime must be at most one year ahead"));
                expiration = null;
            }
        }

        Instant from = optionalDate(data.transactionFromDateTime(), "Data.TransactionFromDateTime", errors);
        Instant to = optionalDate(data.transactionToDateTime(), "Data.TransactionToDateTime", errors);
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(ErrorDetail.of(FIELD_INVALID_DATE, "Data.TransactionFromDateTime",
                    "TransactionFromDateTime must not be after TransactionToDateTime"));
        }

        PurposeCode purpose = null;
        String description = null;
        if (data.purpose() == null) {
            errors.add(ErrorDetail.of(FIELD_MISSING, "Data.Purpose", "Purpose is required"));
        } else {
            if (data.purpose().code() == null) {
                errors.add(ErrorDetail.of(FIELD_MISSING, "Data.Purpose.Code", "Purpose.Code is required"));
            } else {
                purpose = PurposeCode.parse(data.purpose().code()).orElse(null);
                if (purpose == null) {
                    errors.add(ErrorDetail.of(FIELD_INVALID, "Data.Purpose.Code",
                            "Purpose.Code must be one of AccountAggregation, PersonalFinanceManagement, OfferPlacement"));
                }
            }
            description = data.purpose().description();
            if (description == null) {
                errors.add(ErrorDetail.of(FIELD_MISSING, "Data.Purpose.Description", "Purpose.Description is required"));
            } else {
                int length = description.codePointCount(0, description.length());
                if (description.isBlank() || length > MAX_DESCRIPTION_LENGTH) {
                    errors.add(ErrorDetail.of(FIELD_INVALID, "Data.Purpose.Description",
                            "Purpose.Description must be 1 to 280 characters and not blank"));
                } else if (!Text.isPlain(description, true)) {
                    errors.add(ErrorDetail.of(FIELD_INVALID, "Data.Purpose.Description",
                            "Purpose.Description must be well-formed text without control characters"));
                }
            }
        }
        if (permissions.contains(Permission.ReadOffers.name()) && purpose != null && purpose != PurposeCode.OfferPlacement) {
            errors.add(ErrorDetail.of(FIELD_INVALID, "Data.Permissions", "ReadOffers requires the purpose OfferPlacement"));
        }

        int frequency = DEFAULT_FREQUENCY_PER_DAY;
        if (data.frequencyPerDay() != null) {
            frequency = data.frequencyPerDay();
            if (frequency < 1 || frequency > 100) {
                errors.add(ErrorDetail.of(FIELD_INVALID, "Data.FrequencyPerDay", "FrequencyPerDay must be 1 to 100"));
            }
        }

        if (data.prohibitedUses() != null && !Set.copyOf(data.prohibitedUses()).equals(Set.copyOf(PROHIBITED_USES))) {
            errors.add(ErrorDetail.of(FIELD_INVALID, "Data.ProhibitedUses",
                    "ProhibitedUses is fixed to Advertising, Profiling and Resale and cannot be changed"));
        }

        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        return new NewConsent(permissions, expiration, from, to, purpose, description, frequency);
    }

    private static List<String> permissions(List<String> requested, List<ErrorDetail> errors) {
        String path = "Data.Permissions";
        if (requested == null || requested.isEmpty()) {
            errors.add(ErrorDetail.of(FIELD_MISSING, path, "Permissions must list at least one permission"));
            return List.of();
        }
        Set<Permission> set = EnumSet.noneOf(Permission.class);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String code = requested.get(i);
            Optional<Permission> permission = Permission.parse(code);
            if (permission.isEmpty()) {
                errors.add(ErrorDetail.of(FIELD_INVALID, path + "[" + i + "]", "Unknown permission code"));
            } else if (!seen.add(code)) {
                errors.add(ErrorDetail.of(FIELD_INVALID, path + "[" + i + "]", "Duplicate permission " + code));
            } else {
                set.add(permission.get());
            }
        }
        if (!set.contains(Permission.ReadAccountsBasic) && !set.contains(Permission.ReadAccountsDetail)) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path, "Permissions must include ReadAccountsBasic or ReadAccountsDetail"));
        }
        boolean transactions = set.contains(Permission.ReadTransactionsBasic)
                || set.contains(Permission.ReadTransactionsDetail);
        boolean direction = set.contains(Permission.ReadTransactionsCredits) || set.contains(Permission.ReadTransactionsDebits);
        if (transactions && !direction) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path,
                    "ReadTransactionsBasic or ReadTransactionsDetail requires ReadTransactionsCredits or ReadTransactionsDebits"));
        }
        if (direction && !transactions) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path,
                    "ReadTransactionsCredits or ReadTransactionsDebits requires ReadTransactionsBasic or ReadTransactionsDetail"));
        }
        // Stored in the enum's order, so that the same set is always the same list.
        return set.stream().map(Enum::name).toList();
    }

    private static Instant optionalDate(String value, String path, List<ErrorDetail> errors) {
        if (value == null) {
            return null;
        }
        Instant parsed = DateTimes.parse(value);
        if (parsed == null) {
            errors.add(ErrorDetail.of(FIELD_INVALID_DATE, path, "Must be an ISO 8601 date-time with an offset"));
        }
        return parsed;
    }
}
