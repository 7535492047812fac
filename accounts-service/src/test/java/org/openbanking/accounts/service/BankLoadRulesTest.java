package org.openbanking.accounts.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openbanking.accounts.rest.AccountLoad;
import org.openbanking.accounts.rest.Amount;
import org.openbanking.accounts.rest.TransactionBatch;
import org.openbanking.common.ApiException;

class BankLoadRulesTest {

    private static final Amount EUR_10 = new Amount("10.00", "EUR");

    private static AccountLoad load(String subType, String iban, String nickname) {
        return new AccountLoad("EUR", "Personal", subType, nickname, iban, "2020-01-31",
                new AccountLoad.Balance(new Amount("-12.50", "EUR"), EUR_10));
    }

    private static TransactionBatch.Entry row(String id, String booked) {
        return new TransactionBatch.Entry(id, booked, EUR_10, "Debit", "Booked", null, null, null);
    }

    private static List<String> refused(Runnable validation) {
        ApiException refused = assertThrows(ApiException.class, validation::run);
        return refused.errors().stream().map(e -> e.errorCode() + " " + e.path()).toList();
    }

    @Test
    void anAccountLoadWithObiesSubTypeAndAValidIbanPasses() {
        BankLoadRules.Valid valid = BankLoadRules.validate(load("PrePaidCard", "DE89370400440532013000", "Travel"));
        assertEquals(new BigDecimal("-12.50"), valid.booked());
        assertEquals(java.time.LocalDate.parse("2020-01-31"), valid.openedOn());
    }

    @Test
    void everyViolationOfAnAccountLoadIsReportedTogether() {
        assertEquals(List.of("UK.OBIE.Field.Invalid AccountSubType", "UK.OBIE.Field.Invalid Nickname",
                "UK.OBIE.Field.Invalid Iban"),
                refused(() -> BankLoadRules.validate(load("Prepaid", "DE89370400440532013001", "n".repeat(71)))));
    }

    @Test
    void aBatchNamesEachBadRowAndIsBounded() {
        List<Instant> times = BankLoadRules.validate(new TransactionBatch(List.of(row("t-1", "2026-12-01T10:00:00Z"),
                row("t-2", "2026-12-01T11:00:00+01:00"))));
        assertEquals(List.of(Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T10:00:00Z")), times);
        assertEquals(List.of("UK.OBIE.Field.Invalid Transaction[1].TransactionId",
                "UK.OBIE.Field.InvalidDate Transaction[2].BookingDateTime"),
                refused(() -> BankLoadRules.validate(new TransactionBatch(List.of(row("t-1", "2026-12-01T10:00:00Z"),
                        row("t-1", "2026-12-01T10:00:00Z"), row("t-3", "2026-12-01"))))));
        List<TransactionBatch.Entry> tooMany = new ArrayList<>(Collections.nCopies(BankLoadRules.MAX_BATCH + 1,
                row("t-1", "2026-12-01T10:00:00Z")));
        assertEquals(List.of("UK.OBIE.Field.Invalid Transaction"),
                refused(() -> BankLoadRules.validate(new TransactionBatch(tooMany))));
        assertEquals(List.of("UK.OBIE.Field.Missing Transaction"),
                refused(() -> BankLoadRules.validate(new TransactionBatch(List.of()))));
    }

    @Test
    void theIbanChecksumIsIso13616() {
        assertTrue(BankLoadRules.ibanChecksumValid("GB82WEST12345698765432"));
        assertFalse(BankLoadRules.ibanChecksumValid("GB82WEST12345698765433"));
    }
}
