package org.openbanking.accounts.service;

import static org.openbanking.common.ErrorCodes.FIELD_INVALID;
import static org.openbanking.common.ErrorCodes.FIELD_INVALID_DATE;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.accounts.config.AccountsConfig;
import org.openbanking.accounts.model.Account;
import org.openbanking.accounts.model.BankTransaction;
import org.openbanking.accounts.repository.AccountRepository;
import org.openbanking.accounts.repository.TransactionRepository;
import org.openbanking.common.ApiException;
import org.openbanking.common.DateTimes;
import org.openbanking.common.ErrorDetail;
import org.openbanking.common.Ids;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Reads for partners under a consent's scope, and the user's own accounts. */
@ApplicationScoped
public class AccountReadService {

    /** The shape of a transaction id (as banks load them), for page tokens. */
    private static final Pattern TRANSACTION_ID = Pattern.compile("[A-Za-z0-9._~:-]{1,64}");

    /** A page of transactions and the window that was applied. */
    public record TransactionPage(Account account, List<BankTransaction> transactions, boolean detail, Instant from,
            Instant to, String nextPageToken) {
    }

    @Inject
    AccountRepository accounts;
    @Inject
    TransactionRepository transactions;
    @Inject
    AccountsConfig config;
    @Inject
    Clock clock;

    @WithSession
    public Uni<List<Account>> ownAccounts(String userId) {
        Ids.requireValid(userId, "UserId");
        return accounts.findByUser(userId);
    }

    /** The consent's accounts that are the user's: the only accounts a partner ever sees. */
    @WithSession
    public Uni<List<Account>> scopedAccounts(String userId, Scope scope) {
        Ids.requireValid(userId, "UserId");
        scope.requireResource("Accounts");
        return accounts.findByUser(userId).map(list -> list.stream().filter(a -> scope.accountIds().contains(a.id)).toList());
    }

    @WithSession
    public Uni<Account> scopedAccount(String userId, String accountId, Scope scope, String resource) {
        Ids.requireValid(userId, "UserId");
        scope.requireAccount(accountId);
        scope.requireResource(resource);
        return accounts.findById(accountId).map(account -> {
            if (account == null || !account.userId.equals(userId) || !account.linked) {
                throw ApiException.notFound("No such account");
            }
            return account;
        });
    }

    private static final String QUERY_DATE = "Must be an ISO 8601 date or date-time (a time zone, if sent, is ignored)";

    /**
     * Transactions clipped to the consent's window and the request's, filtered to credits or debits as the consent
     * says, newest first, at most one page.
     */
    @WithSession
    public Uni<TransactionPage> transactions(String userId, String accountId, Scope scope, String requestFrom,
            String requestTo, String pageToken) {
        List<ErrorDetail> errors = new ArrayList<>();
        Instant fromTime = DateTimes.parseQuery(requestFrom);
        Instant toTime = DateTimes.parseQuery(requestTo);
        if (requestFrom != null && fromTime == null) {
            errors.add(ErrorDetail.of(FIELD_INVALID_DATE, "fromBookingDateTime", QUERY_DATE));
        }
        if (requestTo != null && toTime == null) {
            errors.add(ErrorDetail.of(FIELD_INVALID_DATE, "toBookingDateTime", QUERY_DATE));
        }
        TransactionRepository.Cursor cursor = pageToken == null ? null : decode(pageToken);
        if (pageToken != null && cursor == null) {
            errors.add(ErrorDetail.of(FIELD_INVALID, "page-token", "Not a page token of this list"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        boolean detail = scope.detailed("Transactions");
        String direction = scope.onlyDirection();
        return scopedAccount(userId, accountId, scope, "Transactions").chain(account -> {
            Instant opened = account.openedOn == null
                    ? Instant.EPOCH
                    : account.openedOn.atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant from = latest(opened, scope.transactionFrom(), fromTime);
            Instant to = earliest(clock.instant(), scope.transactionTo(), toTime);
            if (from.isAfter(to)) {
                return Uni.createFrom().item(new TransactionPage(account, List.of(), detail, from, to, null));
            }
            int size = config.pageSize();
            return transactions.page(account.id, from, to, direction, cursor, size + 1).map(found -> {
                if (found.size() <= size) {
                    return new TransactionPage(account, found, detail, from, to, null);
                }
                List<BankTransaction> page = found.subList(0, size);
                BankTransaction last = page.get(size - 1);
                return new TransactionPage(account, page, detail, from, to,
                        encode(new TransactionRepository.Cursor(last.bookingTime, last.transactionId)));
            });
        });
    }

    private static Instant latest(Instant base, Instant... others) {
        Instant result = base;
        for (Instant i : others) {
            if (i != null && i.isAfter(result)) {
                result = i;
            }
        }
        return result;
    }

    private static Instant earliest(Instant base, Instant... others) {
        Instant result = base;
        for (Instant i : others) {
            if (i != null && i.isBefore(result)) {
                result = i;
            }
        }
        return result;
    }

    static String encode(TransactionRepository.Cursor cursor) {
        long micros = cursor.bookingTime().getEpochSecond() * 1_000_000 + cursor.bookingTime().getNano() / 1000;
        String raw = micros + ":" + cursor.transactionId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static TransactionRepository.Cursor decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            long micros = Long.parseLong(raw.substring(0, colon));
            Instant time = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
            String id = raw.substring(colon + 1);
            // A forged token may carry a time beyond the database's range or an id that no transaction has.
            if (DateTimes.parse(DateTimes.format(time)) == null || !TRANSACTION_ID.matcher(id).matches()) {
                return null;
            }
            return new TransactionRepository.Cursor(time, id);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
