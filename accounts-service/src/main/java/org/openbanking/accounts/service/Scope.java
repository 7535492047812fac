package org.openbanking.accounts.service;

import static org.openbanking.common.ErrorCodes.FIELD_INVALID;
import static org.openbanking.common.ErrorCodes.FIELD_INVALID_DATE;
import static org.openbanking.common.ErrorCodes.FIELD_MISSING;
import static org.openbanking.common.ErrorCodes.RESOURCE_CONSENT_MISMATCH;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.openbanking.common.ApiException;
import org.openbanking.common.DateTimes;
import org.openbanking.common.ErrorDetail;
import org.openbanking.common.Ids;

/**
 * What a consent grants, as consent-service named it and the gateway passes it: the accounts, the resources, those
 * shown with detail fields, which transactions are shown (Credit, Debit), and the transaction window. This service
 * applies it itself, so a caller that forgot a check still gets only what the consent allows; it never maps OBIE
 * permissions (that rule is consent-service's).
 */
public record Scope(Set<String> accountIds, Set<String> resources, Set<String> detailed, Set<String> creditDebit,
        Instant transactionFrom, Instant transactionTo) {

    static final Set<String> RESOURCES = Set.of("Accounts", "Balances", "Transactions", "Offers");
    static final Set<String> CREDIT_DEBIT = Set.of("Credit", "Debit");

    public static Scope parse(String accountIds, String resources, String detail, String creditDebit, String from,
            String to) {
        List<ErrorDetail> errors = new ArrayList<>();
        List<String> accounts = split(accountIds);
        List<String> granted = split(resources);
        List<String> detailed = split(detail);
        List<String> shown = split(creditDebit);
        if (accounts.isEmpty()) {
            errors.add(ErrorDetail.of(FIELD_MISSING, "accountIds", "The consent's accounts are required"));
        } else if (!accounts.stream().allMatch(Ids::isValid)) {
            errors.add(ErrorDetail.of(FIELD_INVALID, "accountIds", "Not a list of account ids"));
        }
        if (granted.isEmpty()) {
            errors.add(ErrorDetail.of(FIELD_MISSING, "resources", "The consent's resources are required"));
        } else if (!RESOURCES.containsAll(granted)) {
            errors.add(ErrorDetail.of(FIELD_INVALID, "resources", "Unknown resource"));
        }
        if (!granted.containsAll(detailed)) {
            errors.add(ErrorDetail.of(FIELD_INVALID, "detail", "Detail of a resource that is not granted"));
        }
        if (!CREDIT_DEBIT.containsAll(shown)) {
            errors.add(ErrorDetail.of(FIELD_INVALID, "creditDebit", "Must be Credit, Debit or both"));
        } else if (granted.contains("Transactions") && shown.isEmpty()) {
            errors.add(ErrorDetail.of(FIELD_MISSING, "creditDebit", "Granted transactions must say which are shown"));
        }
        Instant fromTime = DateTimes.parse(from);
        Instant toTime = DateTimes.parse(to);
        if (from != null && fromTime == null) {
            errors.add(ErrorDetail.of(FIELD_INVALID_DATE, "transactionFrom", "Must be an ISO 8601 date-time with an offset"));
        }
        if (to != null && toTime == null) {
            errors.add(ErrorDetail.of(FIELD_INVALID_DATE, "transactionTo", "Must be an ISO 8601 date-time with an offset"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        return new Scope(Set.copyOf(accounts), Set.copyOf(granted), Set.copyOf(detailed), Set.copyOf(shown), fromTime,
                toTime);
    }

    /** Whether the resource is shown with its detail fields (OBIE's Detail permissions) rather than Basic. */
    public boolean detailed(String resource) {
        return detailed.contains(resource);
    }

    /** The one direction of transactions shown, or null when both credits and debits are. */
    public String onlyDirection() {
        return creditDebit.size() == 1 ? creditDebit.iterator().next() : null;
    }

    public void requireAccount(String accountId) {
        if (!accountIds.contains(accountId)) {
            throw ApiException.forbidden(RESOURCE_CONSENT_MISMATCH, "The consent does not cover this account");
        }
    }

    public void requireResource(String resource) {
        if (!resources.contains(resource)) {
            throw ApiException.forbidden(RESOURCE_CONSENT_MISMATCH, "The consent does not grant access to " + resource);
        }
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).toList();
    }
}
