package org.openbanking.sandbox;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Realistic, deterministic bank data: the same seed always gives the same customers, accounts and transactions. Salary
 * on the 25th, rent on the 1st, groceries a few times a week, monthly subscriptions and small card payments. Used for
 * the local run (alice and bob), the tests and, at millions of rows, the benchmarks.
 */
public final class SandboxGenerator {

    public record Account(String bankId, String bankAccountId, String userId, String currency, String accountType,
            String accountSubType, String nickname, String iban, LocalDate openedOn, BigDecimal booked, BigDecimal available) {
    }

    public record Transaction(String transactionId, Instant bookingTime, BigDecimal amount, String currency,
            String creditDebit, String status, String information, String merchantName, String merchantCategoryCode,
            BigDecimal balanceAfter) {
    }

    /** An account with its history, oldest first; the account's balance is the last balance of the history. */
    public record Loaded(Account account, List<Transaction> transactions) {
    }

    private static final String[][] GROCERS = {{"Fresh Market", "5411"}, {"Corner Grocer", "5411"}, {"Bio Laden", "5499"}};
    private static final String[][] CARD = {{"City Coffee", "5814"}, {"Metro Transit", "4111"}, {"Book Nook", "5942"},
            {"Pharmacy Plus", "5912"}, {"Burger Bar", "5814"}};
    private static final String[][] SUBSCRIPTIONS = {{"StreamFlix", "4899", "12.99"}, {"Music Box", "5815", "9.99"},
            {"Cloud Drive", "5734", "2.99"}};

    private final long seed;

    public SandboxGenerator(long seed) {
        this.seed = seed;
    }

    /** The demo data of the local run: alice has two accounts at two banks, bob one at each bank too. */
    public List<Loaded> demo(String aliceId, String bobId, LocalDate today) {
        return List.of(
                load(aliceId, "bank-alpha", "alpha-1001", "CurrentAccount", "Everyday", today, 365),
                load(aliceId, "bank-beta", "beta-2001", "Savings", "Rainy day", today, 365),
                load(bobId, "bank-alpha", "alpha-1002", "CurrentAccount", "Main", today, 365),
                load(bobId, "bank-beta", "beta-2002", "CreditCard", "Card", today, 365));
    }

    /** One account with {@code days} of history ending today. */
    public Loaded load(String userId, String bankId, String bankAccountId, String subType, String nickname, LocalDate today,
            int days) {
        Random random = random(userId, bankAccountId);
        BigDecimal opening = money(500 + random.nextInt(3000));
        List<Transaction> history = new ArrayList<>();
        BigDecimal[] balance = {opening};
        LocalDate start = today.minusDays(days);
        for (LocalDate day = start; day.isBefore(today); day = day.plusDays(1)) {
            dayOf(random, subType, day, bankAccountId, balance, history::add);
        }
        Account account = new Account(bankId, bankAccountId, userId, "EUR", "Personal", subType, nickname,
                iban(random), start, balance[0], balance[0].add(money(random.nextInt(200))));
        return new Loaded(account, history);
    }

    /**
     * {@code count} transactions for one account at a fixed pace back from {@code newest}, generated as they are
     * consumed: millions of rows without holding them in memory.
     */
    public void stream(String bankAccountId, Instant newest, int count, Consumer<Transaction> sink) {
        Random random = random("scale", bankAccountId);
        BigDecimal balance = money(10_000);
        Duration step = Duration.ofMinutes(7);
        for (int i = 0; i < count; i++) {
            boolean credit = random.nextInt(10) == 0;
            String[] merchant = CARD[random.nextInt(CARD.length)];
            BigDecimal amount = credit ? money(100 + random.nextInt(900)) : cents(300 + random.nextInt(6000), random);
            balance = credit ? balance.add(amount) : balance.subtract(amount);
            sink.accept(new Transaction(bankAccountId + "-s" + i, newest.minus(step.multipliedBy(i)), amount, "EUR",
                    credit ? "Credit" : "Debit", "Booked", credit ? "Transfer" : "Card payment " + merchant[0],
                    credit ? null : merchant[0], credit ? null : merchant[1], balance));
        }
    }

    private void dayOf(Random random, String subType, LocalDate day, String accountId, BigDecimal[] balance,
            Consumer<Transaction> sink) {
        boolean savings = subType.equals("Savings");
        int[] n = {0};
        Consumer<Object[]> add = t -> {
            BigDecimal amount = (BigDecimal) t[1];
            boolean credit = "Credit".equals(t[0]);
            balance[0] = credit ? balance[0].add(amount) : balance[0].subtract(amount);
            Instant at = day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(8 * 3600 + random.nextInt(12 * 3600));
            sink.accept(new Transaction(accountId + "-" + day + "-" + (n[0]++), at, amount, "EUR", (String) t[0], "Booked",
                    (String) t[2], (String) t[3], (String) t[4], balance[0]));
        };
        if (savings) {
            if (day.getDayOfMonth() == 26) {
                add.accept(new Object[]{"Credit", money(100 + random.nextInt(300)), "Monthly saving", null, null});
            }
            return;
        }
        if (day.getDayOfMonth() == 25) {
            add.accept(new Object[]{"Credit", money(2500 + random.nextInt(2000)), "Salary ACME Corp", "ACME Corp", null});
        }
        if (day.getDayOfMonth() == 1) {
            add.accept(new Object[]{"Debit", money(800 + random.nextInt(700)), "Rent", "Home Lettings", "6513"});
        }
        if (day.getDayOfMonth() == 5) {
            for (String[] s : SUBSCRIPTIONS) {
                add.accept(new Object[]{"Debit", new BigDecimal(s[2]), "Subscription " + s[0], s[0], s[1]});
            }
        }
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || random.nextInt(7) < 2) {
            String[] g = GROCERS[random.nextInt(GROCERS.length)];
            add.accept(new Object[]{"Debit", cents(2000 + random.nextInt(10000), random), "Groceries " + g[0], g[0], g[1]});
        }
        if (random.nextInt(3) > 0) {
            String[] c = CARD[random.nextInt(CARD.length)];
            add.accept(new Object[]{"Debit", cents(300 + random.nextInt(4000), random), "Card payment " + c[0], c[0], c[1]});
        }
    }

    private Random random(String a, String b) {
        return new Random(seed ^ ((long) a.hashCode() << 32) ^ b.hashCode());
    }

    private static BigDecimal money(int euros) {
        return BigDecimal.valueOf(euros).setScale(2, RoundingMode.UNNECESSARY);
    }

    private static BigDecimal cents(int cents, Random random) {
        return BigDecimal.valueOf(cents + random.nextInt(100), 2);
    }

    /** A German IBAN with a valid check number. */
    static String iban(Random random) {
        StringBuilder bban = new StringBuilder();
        for (int i = 0; i < 18; i++) {
            bban.append(random.nextInt(10));
        }
        // ISO 13616: move "DE00" to the end, letters to numbers (D=13, E=14), 98 - (n mod 97).
        BigInteger n = new BigInteger(bban + "131400");
        int check = 98 - n.mod(BigInteger.valueOf(97)).intValue();
        return "DE" + String.format("%02d", check) + bban;
    }
}
