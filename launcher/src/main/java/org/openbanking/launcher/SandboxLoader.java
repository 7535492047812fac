package org.openbanking.launcher;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.openbanking.sandbox.DemoIdentities;
import org.openbanking.sandbox.SandboxGenerator;

/**
 * Loads alice's and bob's sandbox accounts into accounts-service's database once it has migrated it. Idempotent: the
 * platform ids are derived from (bank, bank account id), and rows already there are left alone, so a second start
 * changes nothing. An account is shown only if its user has linked its bank ({@link DemoLinks}): the same rule as for
 * a bank's own loads.
 */
final class SandboxLoader {

    private SandboxLoader() {
    }

    /** Returns how many transactions were new. */
    static int load(String jdbcUrl, String user, String password, LocalDate today) {
        List<SandboxGenerator.Loaded> demo = new SandboxGenerator(2026).demo(DemoIdentities.ALICE, DemoIdentities.BOB, today);
        int inserted = 0;
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            c.setAutoCommit(false);
            for (SandboxGenerator.Loaded loaded : demo) {
                SandboxGenerator.Account a = loaded.account();
                String id = platformId(a.bankId(), a.bankAccountId());
                try (PreparedStatement account = c
                        .prepareStatement("insert into account (id, bank_id, bank_account_id, user_id,"
                                + " currency, account_type, account_sub_type, nickname, iban, opened_on, booked_amount, available_amount,"
                                + " balance_updated_at, updated_at, linked) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
                                + " exists (select 1 from bank_link l where l.bank_id = ? and l.user_id = ? and l.status = 'Linked'))"
                                + " on conflict do nothing")) {
                    Timestamp now = Timestamp.from(Instant.now());
                    account.setString(1, id);
                    account.setString(2, a.bankId());
                    account.setString(3, a.bankAccountId());
                    account.setString(4, a.userId());
                    account.setString(5, a.currency());
                    account.setString(6, a.accountType());
                    account.setString(7, a.accountSubType());
                    account.setString(8, a.nickname());
                    account.setString(9, a.iban());
                    account.setObject(10, a.openedOn());
                    account.setBigDecimal(11, a.booked());
                    account.setBigDecimal(12, a.available());
                    account.setTimestamp(13, now);
                    account.setTimestamp(14, now);
                    account.setString(15, a.bankId());
                    account.setString(16, a.userId());
                    account.executeUpdate();
                }
                try (PreparedStatement tx = c.prepareStatement("insert into bank_transaction (account_id, transaction_id,"
                        + " booking_time, amount, currency, credit_debit, status, information, merchant_name,"
                        + " merchant_category_code, balance_after) values (?,?,?,?,?,?,?,?,?,?,?) on conflict do nothing")) {
                    for (SandboxGenerator.Transaction t : loaded.transactions()) {
                        tx.setString(1, id);
                        tx.setString(2, t.transactionId());
                        tx.setObject(3, t.bookingTime().atOffset(ZoneOffset.UTC));
                        tx.setBigDecimal(4, t.amount());
                        tx.setString(5, t.currency());
                        tx.setString(6, t.creditDebit());
                        tx.setString(7, t.status());
                        tx.setString(8, t.information());
                        tx.setString(9, t.merchantName());
                        tx.setString(10, t.merchantCategoryCode());
                        tx.setBigDecimal(11, t.balanceAfter());
                        tx.addBatch();
                    }
                    for (int n : tx.executeBatch()) {
                        inserted += Math.max(n, 0);
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new Stack.LaunchException("Could not load the sandbox data: " + e.getMessage());
        }
        return inserted;
    }

    static String platformId(String bankId, String bankAccountId) {
        return "acc-" + UUID.nameUUIDFromBytes((bankId + "/" + bankAccountId).getBytes(StandardCharsets.UTF_8));
    }
}
