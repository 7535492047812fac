package org.openbanking.offers.service;

import static org.openbanking.common.ErrorCodes.FIELD_INVALID;
import static org.openbanking.common.ErrorCodes.FIELD_INVALID_DATE;
import static org.openbanking.common.ErrorCodes.FIELD_MISSING;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.openbanking.common.ApiException;
import org.openbanking.common.DateTimes;
import org.openbanking.common.ErrorDetail;
import org.openbanking.common.Text;
import org.openbanking.offers.model.Offer;
import org.openbanking.offers.rest.OfferRequest;

/**
 * The contract's rules for a bank's offer (as {@code ConsentRules} for consents): every violation is reported with
 * its error code and the path of the field, all of a request's together, and nothing is copied unless all hold.
 */
public final class OfferRules {

    /** OBIE's limits for what a partner receives (OBReadOffer1: Description 500, URL 256). */
    static final int MAX_DESCRIPTION = 500;
    static final int MAX_URL = 256;
    static final int MAX_TITLE = 120;
    static final int MAX_FEES = 280;
    static final Set<String> PRODUCT_TYPES = Set.of("CreditCard", "PersonalLoan", "Savings", "Overdraft", "Mortgage");
    /** OBIE's account sub-types (OBExternalAccountSubType1Code). */
    static final Set<String> ACCOUNT_TYPES = Set.of("CurrentAccount", "Savings", "CreditCard", "Loan", "Mortgage",
            "PrePaidCard", "ChargeCard", "EMoney");
    private static final Pattern RATE = Pattern.compile("\\d{1,3}(\\.\\d{1,3})?");
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,13}(\\.\\d{1,2})?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private OfferRules() {
    }

    /** Validates every field (all errors at once) and copies the request onto the offer. */
    public static void apply(Offer offer, OfferRequest r, Instant now) {
        if (r == null) {
            throw ApiException.badRequest(FIELD_MISSING, null, "A body is required");
        }
        List<ErrorDetail> errors = new ArrayList<>();
        text(r.title(), "Title", MAX_TITLE, true, errors);
        text(r.description(), "Description", MAX_DESCRIPTION, true, errors);
        text(r.fees(), "Fees", MAX_FEES, false, errors);
        // Set.of(...).contains(null) throws: a missing value is checked first.
        if (r.productType() == null || !PRODUCT_TYPES.contains(r.productType())) {
            errors.add(ErrorDetail.of(r.productType() == null ? FIELD_MISSING : FIELD_INVALID, "ProductType",
                    "ProductType must be one of " + new java.util.TreeSet<>(PRODUCT_TYPES)));
        }
        if (r.rate() == null || !RATE.matcher(r.rate()).matches()
                || new BigDecimal(r.rate()).compareTo(BigDecimal.valueOf(100)) > 0) {
            errors.add(ErrorDetail.of(FIELD_INVALID, "Rate", "Rate must be a percentage from 0 to 100, e.g. \"12.9\""));
        }
        if (!isHttpsUrl(r.url())) {
            errors.add(ErrorDetail.of(FIELD_INVALID, "Url", "Url must be an absolute https URL of at most " + MAX_URL
                    + " characters"));
        }
        Instant start = DateTimes.parse(r.startDateTime());
        Instant end = DateTimes.parse(r.endDateTime());
        if (start == null) {
            errors.add(ErrorDetail.of(FIELD_INVALID_DATE, "StartDateTime",
                    "StartDateTime must be an ISO 8601 date-time with an offset"));
        }
        if (end == null) {
            errors.add(ErrorDetail.of(FIELD_INVALID_DATE, "EndDateTime",
                    "EndDateTime must be an ISO 8601 date-time with an offset"));
        } else if (!end.isAfter(now)) {
            errors.add(ErrorDetail.of(FIELD_INVALID_DATE, "EndDateTime", "EndDateTime must be in the future"));
        } else if (start != null && !start.isBefore(end)) {
            errors.add(ErrorDetail.of(FIELD_INVALID_DATE, "StartDateTime", "StartDateTime must be before EndDateTime"));
        }
        BigDecimal minBalance = null;
        BigDecimal minIncome = null;
        String currency = null;
        String accountTypes = null;
        OfferRequest.Eligibility e = r.eligibility();
        if (e != null) {
            minBalance = amount(e.minAverageBalance(), "Eligibility.MinAverageBalance", errors);
            minIncome = amount(e.minMonthlyIncome(), "Eligibility.MinMonthlyIncome", errors);
            Set<String> currencies = new HashSet<>();
            if (e.minAverageBalance() != null && e.minAverageBalance().currency() != null) {
                currencies.add(e.minAverageBalance().currency());
            }
            if (e.minMonthlyIncome() != null && e.minMonthlyIncome().currency() != null) {
                currencies.add(e.minMonthlyIncome().currency());
            }
            if (currencies.size() > 1) {
                errors.add(ErrorDetail.of(FIELD_INVALID, "Eligibility", "All amounts of the rules must be in one currency"));
            }
            currency = currencies.isEmpty() ? null : currencies.iterator().next();
            if (e.accountTypes() != null) {
                if (e.accountTypes().isEmpty() || e.accountTypes().stream().anyMatch(java.util.Objects::isNull)
                        || !ACCOUNT_TYPES.containsAll(e.accountTypes())
                        || new HashSet<>(e.accountTypes()).size() != e.accountTypes().size()) {
                    errors.add(ErrorDetail.of(FIELD_INVALID, "Eligibility.AccountTypes",
                            "AccountTypes must list distinct types from " + new java.util.TreeSet<>(ACCOUNT_TYPES)));
                } else {
                    accountTypes = String.join(",", e.accountTypes());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        offer.title = r.title();
        offer.description = r.description();
        offer.productType = r.productType();
        offer.rate = r.rate();
        offer.fees = r.fees() == null ? "" : r.fees();
        offer.url = r.url();
        offer.startTime = start;
        offer.endTime = end;
        offer.minAverageBalance = minBalance;
        offer.minMonthlyIncome = minIncome;
        offer.ruleCurrency = currency;
        offer.accountTypes = accountTypes;
        offer.updatedAt = now;
    }

    private static void text(String value, String path, int max, boolean required, List<ErrorDetail> errors) {
        if (value == null) {
            if (required) {
                errors.add(ErrorDetail.of(FIELD_MISSING, path, path + " is required"));
            }
            return;
        }
        if ((required && value.isBlank()) || value.codePointCount(0, value.length()) > max || !Text.isPlain(value, true)) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path, path + " must be " + (required ? "1" : "0") + " to " + max
                    + " printable characters"));
        }
    }

    private static BigDecimal amount(OfferRequest.Money money, String path, List<ErrorDetail> errors) {
        if (money == null) {
            return null;
        }
        if (money.amount() == null || !AMOUNT.matcher(money.amount()).matches()) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path + ".Amount", "A non-negative amount with at most 2 decimals"));
        }
        if (money.currency() == null || !CURRENCY.matcher(money.currency()).matches()) {
            errors.add(ErrorDetail.of(FIELD_INVALID, path + ".Currency", "An ISO 4217 currency code"));
        }
        return money.amount() != null && AMOUNT.matcher(money.amount()).matches() ? new BigDecimal(money.amount()) : null;
    }

    static boolean isHttpsUrl(String url) {
        if (url == null || url.length() > MAX_URL) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return "https".equals(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null;
        } catch (Exception e) {
            return false;
        }
    }
}
