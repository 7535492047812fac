package org.openbanking.accounts.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.openbanking.accounts.model.BankTransaction;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TransactionRepository implements PanacheRepositoryBase<BankTransaction, BankTransaction.Key> {

    /** Where a page starts: strictly older than this transaction in (booking time, id) order. */
    public record Cursor(Instant bookingTime, String transactionId) {
    }

    /**
     * One page, newest first, by keyset on (booking_time, transaction_id): served by the page index in order, so its
     * cost does not grow with the table, and rows inserted while a client pages never shift the pages that follow.
     */
    public Uni<List<BankTransaction>> page(String accountId, Instant from, Instant to, String creditDebit, Cursor after,
            int limit) {
        StringBuilder query = new StringBuilder("accountId = :account and bookingTime >= :from and bookingTime <= :to");
        Parameters params = Parameters.with("account", accountId).and("from", from).and("to", to);
        if (creditDebit != null) {
            query.append(" and creditDebit = :direction");
            params.and("direction", creditDebit);
        }
        if (after != null) {
            query.append(" and (bookingTime < :afterTime or (bookingTime = :afterTime and transactionId < :afterId))");
            params.and("afterTime", after.bookingTime()).and("afterId", after.transactionId());
        }
        query.append(" order by bookingTime desc, transactionId desc");
        return find(query.toString(), params).page(0, limit).list();
    }
}
