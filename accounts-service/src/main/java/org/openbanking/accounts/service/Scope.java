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
 * What a consent allows, as the gateway passes it: the accounts, the permissions, the transaction window. This
 * service applies it itself, so a caller that forgot a check still gets only what the consent allows.
 */
public record Scope(Set<String> accountIds, Set<String> permissions, Instant transactionFrom, Instant transactionTo) {

    static final Set<String> PERMISSIONS = Set.of("ReadAccountsBasic", "ReadAccountsDetail", "ReadBalances",
            "ReadTransactionsBasic", "ReadTransactionsDetail", "ReadTransactionsCredits", "ReadTransactionsDebits",
            "ReadOffers");

    public static Scope parse(String accountIds, String permissions, String from, String to) {
        List<ErrorDetail> errors = new ArrayList<>();
        List<String> accounts = split(accountIds);
        List<String> granted = split(permissions);
        if (accounts.isEmpty()) {
            errors.add(ErrorDetail.of(FIELD_MISSING, "accountIds", "The consent's accounts are required"));
        } else if (!accounts.stream().allMatch(Ids::isValid)) {
            errors.add(ErrorDetail.of(FIELD_INVALID, "accountIds", "Not a list of account ids"));
        }
        if (granted.isEmpty()) {
            errors.add(ErrorDetail.of(FIELD_MISSING, "permissions", "The consent's permissions are required"));
        } else if (!PERMISSIONS.containsAll(granted)) {
            errors.add(ErrorDetail.of(FIELD_INVALID, "permissions", "Unknown permission"));
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
        return new Scope(Set.copyOf(accounts), Set.copyOf(granted), fromTime, toTime);
    }

    public boolean has(String permission) {
        return permissions.contains(permission);
    }

    public void requireAccount(String accountId) {
        if (!accountIds.contains(accountId)) {
            throw ApiException.forbidden(RESOURCE_CONSENT_MISMATCH, "The consent does not cover this account");
        }
    }

    public void requireAny(String... anyOf) {
        if (Arrays.stream(anyOf).noneMatch(permissions::contains)) {
            throw ApiException.forbidden(RESOURCE_CONSENT_MISMATCH, "The consent does not grant " + String.join(" or ", anyOf));
        }
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).toList();
    }
}
