package org.openbanking.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SandboxGeneratorTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    @Test
    void theSameSeedGivesTheSameData() {
        assertEquals(new SandboxGenerator(7).demo("alice", "bob", TODAY), new SandboxGenerator(7).demo("alice", "bob", TODAY));
        assertNotEquals(new SandboxGenerator(7).demo("alice", "bob", TODAY),
                new SandboxGenerator(8).demo("alice", "bob", TODAY));
    }

    @Test
    void historiesLookLikeAPersonsAndBalancesAddUp() {
        List<SandboxGenerator.Loaded> demo = new SandboxGenerator(1).demo("alice", "bob", TODAY);
        assertEquals(4, demo.size());
        SandboxGenerator.Loaded everyday = demo.get(0);
        List<SandboxGenerator.Transaction> txs = everyday.transactions();
        assertTrue(txs.stream().filter(t -> t.information().startsWith("Salary")).count() >= 11, "a salary every month");
        assertTrue(txs.stream().filter(t -> t.information().equals("Rent")).count() >= 11, "rent every month");
        assertTrue(txs.stream().anyMatch(t -> t.information().startsWith("Groceries")));
        assertTrue(txs.stream().map(SandboxGenerator.Transaction::transactionId).distinct().count() == txs.size());
        SandboxGenerator.Transaction last = txs.get(txs.size() - 1);
        assertEquals(last.balanceAfter(), everyday.account().booked());
        assertTrue(txs.stream().allMatch(t -> t.amount().compareTo(BigDecimal.ZERO) > 0));
    }

    @Test
    void ibansHaveAValidCheckNumber() {
        for (SandboxGenerator.Loaded l : new SandboxGenerator(3).demo("a", "b", TODAY)) {
            String iban = l.account().iban();
            String rearranged = iban.substring(4) + "1314" + iban.substring(2, 4);
            assertEquals(1, new BigInteger(rearranged).mod(BigInteger.valueOf(97)).intValue(), iban);
        }
    }

    @Test
    void streamsMillionsWithoutHoldingThem() {
        AtomicInteger n = new AtomicInteger();
        Instant newest = Instant.parse("2026-11-29T00:00:00Z");
        new SandboxGenerator(1).stream("acc", newest, 200_000, t -> {
            n.incrementAndGet();
            assertTrue(!t.bookingTime().isAfter(newest));
        });
        assertEquals(200_000, n.get());
    }
}
