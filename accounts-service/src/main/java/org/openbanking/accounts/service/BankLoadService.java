package org.openbanking.accounts.service;

import static org.openbanking.common.ErrorCodes.FIELD_INVALID;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.accounts.model.Account;
import org.openbanking.accounts.repository.AccountRepository;
import org.openbanking.accounts.rest.AccountLoad;
import org.openbanking.accounts.rest.TransactionBatch;
import org.openbanking.common.ApiException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What banks load: accounts of their own customers and batches of transactions. A bank names a customer by the
 * {@code CustomerRef} it got when it redeemed that customer's link code, never by the platform's user id, and only
 * while the link lasts. A bank only ever reaches accounts it loaded itself: the bank id comes from the bank's token,
 * and every lookup is by (bank, the bank's account id).
 */
@ApplicationScoped
public class BankLoadService {

    private static final String INSERT = "insert into bank_transaction (account_id, transaction_id, booking_time, amount,"
            + " currency, credit_debit, status, information, merchant_name, merchant_category_code, balance_after)"
            + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict (account_id, transaction_id) do nothing";

    public record Upserted(Account account, boolean created) {
    }

    @Inject
    AccountRepository accounts;
    @Inject
    BankLinkService links;
    @Inject
    Pool pool;
    @Inject
    Clock clock;

    @WithTransaction
    public Uni<Upserted> upsertAccount(String bankId, String customerRef, String bankAccountId, AccountLoad load) {
        BankLoadRules.requirePathIds(bankId, customerRef, bankAccountId);
        BankLoadRules.Valid valid = BankLoadRules.validate(load);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return links.userOf(bankId, customerRef).chain(userId -> accounts.findByBankAccount(bankId, bankAccountId)
                .chain(existing -> upsert(existing, bankId, userId, bankAccountId, load, valid, now)));
    }

    private Uni<Upserted> upsert(Account existing, String bankId, String userId, String bankAccountId, AccountLoad load,
            BankLoadRules.Valid valid, Instant now) {
        if (existing != null && !existing.userId.equals(userId)) {
            throw ApiException.conflict(FIELD_INVALID, "This account is loaded for another customer of the bank");
        }
        Account account = existing != null ? existing : new Account();
        if (existing == null) {
            account.id = "acc-" + UUID.randomUUID();
            account.bankId = bankId;
            account.bankAccountId = bankAccountId;
            account.userId = userId;
        }
        account.currency = load.currency();
        account.accountType = load.accountType();
        account.accountSubType = load.accountSubType();
        account.nickname = load.nickname();
        account.iban = load.iban();
        account.openedOn = valid.openedOn();
        account.bookedAmount = valid.booked();
        account.availableAmount = valid.available();
        account.balanceUpdatedAt = now;
        account.updatedAt = now;
        BankLinkService.show(account);
        return (existing != null ? Uni.createFrom().item(account) : accounts.persist(account))
                .map(a -> new Upserted(a, existing == null));
    }

    /**
     * Loads a batch in one transaction: every row valid or nothing stored (400 naming each bad row). Rows whose
     * transaction id is already stored are skipped, so a bank may send a batch again. Returns how many were new.
     */
    public Uni<Integer> loadTransactions(String bankId, String customerRef, String bankAccountId, TransactionBatch batch) {
        BankLoadRules.requirePathIds(bankId, customerRef, bankAccountId);
        List<Instant> times = BankLoadRules.validate(batch);
        List<TransactionBatch.Entry> rows = batch.transaction();
        return ownAccount(bankId, customerRef, bankAccountId).chain(account -> {
            List<Tuple> tuples = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                TransactionBatch.Entry row = rows.get(i);
                TransactionBatch.MerchantDetails merchant = row.merchantDetails();
                tuples.add(Tuple.tuple(List.of(account.id, row.transactionId(), times.get(i).atOffset(ZoneOffset.UTC),
                        Money.parse(row.amount().amount()), row.amount().currency(), row.creditDebitIndicator(),
                        row.status())).addValue(row.transactionInformation())
                        .addValue(merchant == null ? null : merchant.merchantName())
                        .addValue(merchant == null ? null : merchant.merchantCategoryCode())
                        .addValue(row.balanceAfter() == null ? null : Money.parseSigned(row.balanceAfter().amount())));
            }
            return pool.withTransaction(connection -> connection.preparedQuery(INSERT).executeBatch(tuples))
                    .map(BankLoadService::inserted);
        });
    }

    @WithSession
    Uni<Account> ownAccount(String bankId, String customerRef, String bankAccountId) {
        return links.userOf(bankId, customerRef).chain(userId -> accounts.findByBankAccount(bankId, bankAccountId)
                .map(account -> {
                    if (account == null || !account.userId.equals(userId)) {
                        throw ApiException.notFound("No such account of this customer at this bank");
                    }
                    return account;
                }));
    }

    private static int inserted(RowSet<?> result) {
        int n = 0;
        for (RowSet<?> r = result; r != null; r = r.next()) {
            n += r.rowCount();
        }
        return n;
    }
}
