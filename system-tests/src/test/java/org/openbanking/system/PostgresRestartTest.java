package org.openbanking.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openbanking.launcher.Stack;

/**
 * PostgreSQL restarts while partners create consents (with idempotency keys) and a bank loads transactions. Every write
 * that was acknowledged is there afterwards; every other write failed visibly (503 in the envelope) and is safe to
 * retry with the same key or batch; the services reconnect by themselves. (The fault platform's services share one
 * PostgreSQL server, as they do in ./run, so all three lose their database at once.)
 */
class PostgresRestartTest {

    static final String GATEWAY = FaultStack.GATEWAY_URL;
    static Stack stack;

    /** One write and how it was answered. */
    record Write(String kind, String key, Object body, Timed.Reply reply) {
    }

    @BeforeAll
    static void faultStack() {
        stack = FaultStack.start();
    }

    @Test
    void noAcknowledgedWriteIsLostAndServicesRecoverOnTheirOwn() {
        String partner = Tokens.partner();
        String bank = Tokens.bank("bank-alpha");
        String run = Long.toString(System.nanoTime(), 36);
        // The bank's reference for a customer of this test's own (linked through the real redemption).
        String user = Setup.customerRef(GATEWAY, FaultStack.ACCOUNTS, "bank-alpha", "pg-restart-" + run);
        String bankAccount = "acc-" + run;
        Timed.Reply account = Timed.send("PUT", GATEWAY + "/banks/customers/" + user + "/accounts/" + bankAccount, bank,
                Map.of("Currency", "EUR", "AccountType", "Personal", "AccountSubType", "CurrentAccount",
                        "Nickname", "Restart test", "Iban", "DE89370400440532013000",
                        "Balance", Map.of("Booked", Map.of("Amount", "100.00", "Currency", "EUR"),
                                "Available", Map.of("Amount", "100.00", "Currency", "EUR"))),
                Map.of());
        assertEquals(201, account.status(), () -> "account load: " + account);
        String accountId = account.json().getString("AccountId");

        Queue<Write> writes = new ConcurrentLinkedQueue<>();
        Load consents = new Load("pg-consents", 3, 100, (worker, i) -> {
            String key = "pg-" + run + "-" + worker + "-" + i;
            Map<String, Object> body = Setup.consentRequest(List.of("ReadAccountsBasic"), 4, "Restart " + key);
            Timed.Reply reply = Timed.send("POST", GATEWAY + Timed.AISP + "/account-access-consents", partner, body,
                    Map.of("x-idempotency-key", key));
            writes.add(new Write("consent", key, body, reply));
            return new Load.Call(worker, null, false, reply);
        });
        Load transactions = new Load("pg-transactions", 3, 100, (worker, i) -> {
            String prefix = "t-" + worker + "-" + i + "-";
            Map<String, Object> body = Map.of("Transaction", batch(prefix, 20));
            Timed.Reply reply = Timed.post(GATEWAY + "/banks/customers/" + user + "/accounts/" + bankAccount
                    + "/transactions", bank, body);
            writes.add(new Write("transactions", prefix, body, reply));
            return new Load.Call(worker, null, false, reply);
        });
        long downtime;
        long back;
        boolean consentsAgain;
        boolean loadsAgain;
        try {
            Timed.pause(3000);
            downtime = stack.restartPostgres().toMillis();
            back = System.nanoTime();
            consentsAgain = consents.awaitCall(c -> c.start() >= back && c.status() == 201, 30_000);
            loadsAgain = transactions.awaitCall(c -> c.start() >= back && c.status() == 200, 30_000);
            Timed.pause(1000);
        } finally {
            consents.stop();
            transactions.stop();
        }
        List<Load.Call> calls = new ArrayList<>(consents.stop());
        calls.addAll(transactions.stop());
        assertTrue(consentsAgain && loadsAgain, "both kinds of write succeeded again after PostgreSQL was back");

        List<Write> all = List.copyOf(writes);
        List<Write> unexpected = all.stream().filter(w -> !acknowledged(w) && !w.reply().isUnavailable()).toList();
        assertEquals(List.of(), unexpected, "every write was acknowledged or failed visibly with 503 and Retry-After");

        // Every acknowledged consent is stored, and its idempotency key still returns it.
        List<Write> createdConsents = all.stream().filter(w -> w.kind().equals("consent") && acknowledged(w)).toList();
        List<String> ids = createdConsents.stream().map(w -> w.reply().json().getString("Data.ConsentId")).toList();
        List<String> stored = Setup.column(FaultStack.jdbc("consent"), "select id from consent where id = any(?)", ids);
        assertEquals(ids.size(), stored.size(), "every acknowledged consent is stored");
        for (Write w : createdConsents) {
            Timed.Reply replay = create(partner, w);
            assertEquals(w.reply().json().getString("Data.ConsentId"), replay.json().getString("Data.ConsentId"),
                    "the key " + w.key() + " returns the acknowledged consent");
        }
        // A failed creation is safe to retry with its key: it either had been stored (and is returned) or is created now.
        int failedButStored = 0;
        List<Write> failedConsents = all.stream().filter(w -> w.kind().equals("consent") && !acknowledged(w)).toList();
        for (Write w : failedConsents) {
            List<String> before = Setup.column(FaultStack.jdbc("consent"),
                    "select consent_id from idempotency_key where partner_id = 'demo-messenger' and idem_key = ?", w.key());
            Timed.Reply retry = create(partner, w);
            assertEquals(201, retry.status(), () -> "retry of " + w.key() + ": " + retry);
            if (!before.isEmpty()) {
                failedButStored++;
                assertEquals(before.get(0), retry.json().getString("Data.ConsentId"), "the stored consent is returned");
            }
        }

        // Every acknowledged batch is stored in full; a failed batch loaded again leaves exactly its rows, no duplicates.
        List<Write> batches = all.stream().filter(w -> w.kind().equals("transactions")).toList();
        String accounts = FaultStack.jdbc("accounts");
        for (Write w : batches) {
            if (acknowledged(w)) {
                assertEquals(20, count(accounts, accountId, w.key()), "the acknowledged batch " + w.key() + " is stored");
            } else {
                Timed.Reply again = Timed.post(GATEWAY + "/banks/customers/" + user + "/accounts/" + bankAccount
                        + "/transactions", bank, w.body());
                assertEquals(200, again.status(), () -> "loading " + w.key() + " again: " + again);
            }
        }
        long rows = Long.parseLong(Setup.column(accounts, "select count(*) from bank_transaction where account_id = ?",
                accountId).get(0));
        assertEquals(20L * batches.size(), rows, "every batch exactly once");

        long consentRecovery = firstAfter(calls, back, 201);
        long loadRecovery = firstAfter(calls, back, 200);
        assertTrue(Math.max(consentRecovery, loadRecovery) <= 15_000,
                "writes succeeded again within 15 s of PostgreSQL being back");
        long acknowledgedBatches = batches.stream().filter(PostgresRestartTest::acknowledged).count();
        System.out.printf("[faults] PostgreSQL restarted (down %d ms) during writes: %d consent creations (%d "
                + "acknowledged and all stored, %d failed with 503, of which %d had been stored and were returned by their "
                + "key on retry) and %d transaction batches of 20 (%d acknowledged and all stored, %d failed with 503 and "
                + "loaded again: %d rows, none twice); writes succeeded again %d ms (consents) and %d ms (transactions) "
                + "after PostgreSQL was back%n",
                downtime, createdConsents.size() + failedConsents.size(), createdConsents.size(), failedConsents.size(),
                failedButStored, batches.size(), acknowledgedBatches, batches.size() - acknowledgedBatches, rows,
                consentRecovery, loadRecovery);
    }

    /** The consent request again with its key, waiting out the partner's rate limit (the replays come in a burst). */
    private static Timed.Reply create(String partner, Write w) {
        Timed.Reply reply;
        while ((reply = Timed.send("POST", GATEWAY + Timed.AISP + "/account-access-consents", partner, w.body(),
                Map.of("x-idempotency-key", w.key()))).status() == 429) {
            Timed.pause(1000L * Long.parseLong(reply.retryAfter()));
        }
        return reply;
    }

    private static boolean acknowledged(Write w) {
        return w.reply().status() / 100 == 2;
    }

    private static long firstAfter(List<Load.Call> calls, long from, int status) {
        return calls.stream().filter(c -> c.start() >= from && c.status() == status)
                .mapToLong(c -> (c.reply().end() - from) / 1_000_000).min().orElse(Long.MAX_VALUE);
    }

    private static long count(String jdbc, String accountId, String prefix) {
        return Long.parseLong(Setup.column(jdbc,
                "select count(*) from bank_transaction where account_id = ? and transaction_id like ?", accountId,
                prefix + "%").get(0));
    }

    private static List<Map<String, Object>> batch(String prefix, int n) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < n; i++) {
            rows.add(Map.of("TransactionId", prefix + i,
                    "BookingDateTime", now.minus(i + 1, ChronoUnit.HOURS).toString(),
                    "Amount", Map.of("Amount", (10 + i) + ".50", "Currency", "EUR"),
                    "CreditDebitIndicator", i % 2 == 0 ? "Debit" : "Credit", "Status", "Booked",
                    "TransactionInformation", "Restart test " + prefix + i,
                    "MerchantDetails", Map.of("MerchantName", "Shop", "MerchantCategoryCode", "5411")));
        }
        return rows;
    }
}
