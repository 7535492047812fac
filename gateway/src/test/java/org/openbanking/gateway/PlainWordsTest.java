package org.openbanking.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openbanking.gateway.dashboard.PlainWords;

class PlainWordsTest {

    @Test
    void permissionsBecomeSentencesWithTheWindowAndDirection() {
        List<String> lines = PlainWords.whatItSees(List.of("ReadAccountsBasic", "ReadBalances", "ReadTransactionsBasic",
                "ReadTransactionsCredits", "ReadTransactionsDebits"), "2026-03-01T00:00:00Z", "2026-06-30T23:59:59+00:00");
        assertEquals(List.of(
                "the accounts you choose, with their nicknames, types and currencies (not the account numbers)",
                "your balances",
                "your transactions from 1 March 2026 to 30 June 2026, money in and out (amounts and dates only, "
                        + "without descriptions, merchants or balances)"),
                lines);
    }

    @Test
    void detailCreditsOnlyAndOpenWindows() {
        List<String> lines = PlainWords.whatItSees(List.of("ReadAccountsDetail", "ReadTransactionsDetail",
                "ReadTransactionsCredits", "ReadOffers"), null, "2026-06-30T10:00:00+02:00");
        assertTrue(lines.get(0).contains("full account numbers (IBAN)"));
        assertEquals("your transactions up to 30 June 2026, money in only (with descriptions, merchant names and "
                + "categories, and the balance after each)",
                lines.get(1));
        assertTrue(lines.get(2).startsWith("offers from banks that match one of these accounts"));
        assertTrue(lines.get(2).contains("learns which account an offer is for"));
        assertEquals("your transactions of any date, money out only (with descriptions, merchant names and categories, "
                + "and the balance after each)",
                PlainWords.whatItSees(List.of("ReadTransactionsDetail", "ReadTransactionsDebits"), null, null).get(0));
    }

    @Test
    void noPermissionCodeEverReachesTheUser() {
        List<String> all = List.of("ReadAccountsBasic", "ReadAccountsDetail", "ReadBalances", "ReadTransactionsBasic",
                "ReadTransactionsDetail", "ReadTransactionsCredits", "ReadTransactionsDebits", "ReadOffers");
        String text = String.join(" ", PlainWords.whatItSees(all, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"))
                + PlainWords.purpose("OfferPlacement") + PlainWords.prohibited(List.of("Advertising", "Profiling", "Resale"));
        assertTrue(!text.contains("Read") && !text.contains("Advertising") && !text.contains("Resale"), text);
        assertEquals("It may not use your data for advertising, profiling you or selling your data.",
                PlainWords.prohibited(List.of("Advertising", "Profiling", "Resale")));
    }

    @Test
    void datesAreWrittenInUtcAndUnreadableOnesAreLeftOut() {
        assertEquals("1 March 2026, 00:30 UTC", PlainWords.moment("2026-03-01T01:30:00+01:00"));
        assertEquals("", PlainWords.day("not a date"));
        assertEquals("", PlainWords.day(null));
    }
}
