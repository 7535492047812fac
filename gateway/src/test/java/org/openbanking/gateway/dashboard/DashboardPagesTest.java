package org.openbanking.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.openbanking.common.StrictJson;
import org.openbanking.gateway.dashboard.DashboardViews.AccessLogPage;
import org.openbanking.gateway.dashboard.DashboardViews.ConsentCard;
import org.openbanking.gateway.dashboard.DashboardViews.HomePage;
import org.openbanking.gateway.dashboard.DashboardViews.Option;
import org.openbanking.gateway.dashboard.ServiceAnswers.AccessCounts;
import org.openbanking.gateway.dashboard.ServiceAnswers.Accounts;
import org.openbanking.gateway.dashboard.ServiceAnswers.BlockedPartners;
import org.openbanking.gateway.dashboard.ServiceAnswers.ConsentAnswer;
import org.openbanking.gateway.dashboard.ServiceAnswers.ConsentList;
import org.openbanking.gateway.dashboard.ServiceAnswers.Receipts;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The pages from the services' answers, without a server: the answers are read as the gateway reads them (strict JSON,
 * unknown fields ignored), and an absent field shows as nothing rather than failing the page. The pages in a browser
 * are tested in system-tests (DashboardBrowserTest).
 */
class DashboardPagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        new StrictJson().customize(JSON);
    }

    private static final String ACCOUNTS = """
            {"Data":{"Account":[
             {"AccountId":"acc-1","Currency":"EUR","AccountType":"Personal","AccountSubType":"CurrentAccount",
              "Nickname":"Main","MaskedIdentification":"DE89****3000","BankId":"bank-1"},
             {"AccountId":"acc-2","Currency":"GBP","AccountType":"Business"}]}}""";

    private static String consent(String id, String status, String partner, String updated) {
        return """
                {"ConsentId":"%s","Status":"%s","StatusUpdateDateTime":"%s","CreationDateTime":"2026-03-01T10:00:00Z",
                 "StatusReason":[{"StatusReasonCode":"UserRevoked","StatusReasonDescription":"Withdrawn by the user"}],
                 "Permissions":["ReadAccountsBasic","ReadBalances"],"ExpirationDateTime":"2026-09-01T10:00:00Z",
                 "Purpose":{"Code":"AccountAggregation","Description":"All my banks"},"ProhibitedUses":["Resale"],
                 "FrequencyPerDay":2,"PartnerId":"%s","PartnerName":"Partner %s","AccountIds":["acc-1","acc-gone"]}"""
                .formatted(id, status, updated, partner, partner);
    }

    private static <T> T read(String json, Class<T> type) throws Exception {
        return JSON.readValue(json, type);
    }

    private static Map<String, String> own() throws Exception {
        return ConsentCards.accountLabels(read(ACCOUNTS, Accounts.class));
    }

    @Test
    void accountsAreLabelledInTheServicesOrder() throws Exception {
        assertEquals(Map.of("acc-1", "Main (CurrentAccount, EUR, DE89****3000)", "acc-2", "Account (Business, GBP)"),
                own());
        assertEquals(List.of("acc-1", "acc-2"), List.copyOf(own().keySet()));
    }

    @Test
    void aConsentInWords() throws Exception {
        Map<String, AccessCounts.Count> counts = ConsentCards.countsByConsent(read("""
                {"Data":{"AccessCount":[{"ConsentId":"c-1","Accesses":7,"LastAccessDateTime":"2026-03-03T12:00:00Z"}]}}""",
                AccessCounts.class));
        ConsentCard card = ConsentCards.card(
                read("{\"Data\":" + consent("c-1", "Revoked", "p-1", "2026-03-02T00:00:00Z") + "}", ConsentAnswer.class)
                        .data(),
                own(), counts);
        assertEquals("c-1", card.id());
        assertEquals("Partner p-1", card.partnerName());
        assertEquals("Withdrawn", card.statusWords());
        assertFalse(card.pending() || card.live());
        assertEquals("Withdrawn by the user", card.reason(), "a final status shows why");
        assertEquals(List.of("Main (CurrentAccount, EUR, DE89****3000)", "an account no longer listed"), card.accounts());
        assertEquals("It may not use your data for selling your data.", card.prohibited());
        assertEquals(7, card.accesses());
        assertEquals("3 March 2026, 12:00 UTC", card.lastAccess());
        assertEquals(2, card.sees().size());
    }

    @Test
    void anEmptyAnswerShowsNothingRatherThanFailing() throws Exception {
        ConsentCard card = ConsentCards.card(read("{}", ConsentAnswer.class).data(), Map.of(), Map.of());
        assertEquals("", card.id());
        assertEquals("", card.partnerName());
        assertEquals("", card.reason());
        assertEquals(PlainWords.frequency(4), card.frequency(), "the contract's default");
        assertEquals(0, card.accesses());
        assertTrue(card.accounts().isEmpty() && card.sees().isEmpty());
    }

    @Test
    void theHomePageSortsConsentsAndAddsTheRequestsOpenedHere() throws Exception {
        ConsentList list = read("{\"Data\":{\"Consent\":[" + consent("c-1", "Authorised", "p-1", "2026-03-02T00:00:00Z")
                + "," + consent("c-2", "AwaitingAuthorisation", "p-2", "2026-03-02T00:00:00Z") + ","
                + consent("c-3", "Revoked", "p-3", "2026-03-01T00:00:00Z") + ","
                + consent("c-4", "Expired", "p-4", "2026-03-05T00:00:00Z") + "]}}", ConsentList.class);
        BlockedPartners blocked = read(
                """
                        {"Data":{"BlockedPartner":[{"PartnerId":"p-3","PartnerName":"Three","BlockedDateTime":"2026-03-02T00:00:00Z"}]}}""",
                BlockedPartners.class);
        List<Optional<ConsentAnswer>> opened = List.of(
                Optional.of(read("{\"Data\":" + consent("c-2", "AwaitingAuthorisation", "p-2", "x") + "}",
                        ConsentAnswer.class)),
                Optional.of(read("{\"Data\":" + consent("c-9", "AwaitingAuthorisation", "p-9", "x") + "}",
                        ConsentAnswer.class)),
                Optional.of(read("{\"Data\":" + consent("c-8", "Rejected", "p-8", "x") + "}", ConsentAnswer.class)),
                Optional.empty());
        HomePage page = DashboardPages.homePage(list, own(), Map.of(), blocked, opened);
        assertEquals(List.of("c-2", "c-9"), page.pending().stream().map(ConsentCard::id).toList());
        assertEquals(List.of("c-1"), page.live().stream().map(ConsentCard::id).toList());
        assertEquals(List.of("c-4", "c-3"), page.past().stream().map(ConsentCard::id).toList(), "latest change first");
        assertEquals(List.of("c-9"), page.stillPending(), "only what the list does not show already");
        assertEquals("2 March 2026", page.blocked().get(0).since());
        assertEquals(List.of("p-2", "p-9", "p-1", "p-4"), page.blockable().stream().map(Option::value).toList());
    }

    @Test
    void theAccessLogNamesAccountsAndLinksTheNextPageWithTheSameFilters() throws Exception {
        Receipts receipts = read("""
                {"Data":{"Receipt":[{"ReceiptId":"r-1","ConsentId":"c-1","PartnerId":"p-1","PartnerName":"One",
                 "Resource":"Balances","AccountIds":["acc-1","acc-old"],"RecordCount":3,"Purpose":"AccountAggregation",
                 "UserPresent":true,"DateTime":"2026-03-03T12:00:00Z"}]},
                 "Links":{"Self":"/s","Next":"/internal/users/u/receipts?consentId=c-1&page-token=abc%2Ddef"}}""",
                Receipts.class);
        ConsentList list = read("{\"Data\":{\"Consent\":[" + consent("c-1", "Authorised", "p-1", "x") + "]}}",
                ConsentList.class);
        AccessLogPage page = DashboardPages.accessLogPage(receipts, list, own(), null, "c-1");
        assertEquals("Main (CurrentAccount, EUR, DE89****3000), acc-old", page.lines().get(0).accounts());
        assertEquals("your balances", page.lines().get(0).what());
        assertEquals(3, page.lines().get(0).records());
        assertEquals("/dashboard/access-log?page=abc-def&consent=c-1", page.next());
        assertEquals(List.of(new Option("p-1", "Partner p-1", false)), page.partners());
        assertTrue(page.consents().get(0).selected());
        assertEquals("Partner p-1: To show your accounts from several banks in one place (active, 1 March 2026)",
                page.consents().get(0).label());
        assertNull(DashboardPages.nextPage("/internal/users/u/receipts?consentId=c-1", null, null));
        assertNull(DashboardPages.accessLogPage(read("{}", Receipts.class), list, own(), null, null).next());
    }

    @Test
    void thePendingCookieHoldsValidIdsOnceAndForgetsDecidedRequests() {
        assertEquals(List.of("a", "b"), DashboardForms.pendingIds("a.b.a.not valid."));
        assertEquals(10, DashboardForms.pendingIds("1.2.3.4.5.6.7.8.9.10.11.12").size());
        assertEquals(List.of(), DashboardForms.pendingIds(" "));
        assertEquals(List.of("c", "a", "b"), DashboardForms.afterViewing(List.of("a", "b"), "c", true));
        assertEquals(List.of("a", "b"), DashboardForms.afterViewing(List.of("a", "b"), "b", true));
        assertEquals(List.of("a"), DashboardForms.afterViewing(List.of("a", "b"), "b", false));
        assertEquals(List.of("x"), DashboardForms.chosenAccounts(List.of("x", " ")));
        assertEquals(List.of(), DashboardForms.chosenAccounts(null));
    }
}
