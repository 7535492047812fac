package org.openbanking.gateway.dashboard;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.gateway.dashboard.DashboardViews.AccessLogPage;
import org.openbanking.gateway.dashboard.DashboardViews.AccountOption;
import org.openbanking.gateway.dashboard.DashboardViews.BlockedPartner;
import org.openbanking.gateway.dashboard.DashboardViews.ConsentCard;
import org.openbanking.gateway.dashboard.DashboardViews.ConsentPage;
import org.openbanking.gateway.dashboard.DashboardViews.HistoryLine;
import org.openbanking.gateway.dashboard.DashboardViews.HomePage;
import org.openbanking.gateway.dashboard.DashboardViews.LogLine;
import org.openbanking.gateway.dashboard.DashboardViews.Option;
import org.openbanking.gateway.dashboard.ServiceAnswers.AccessCounts;
import org.openbanking.gateway.dashboard.ServiceAnswers.BlockedPartners;
import org.openbanking.gateway.dashboard.ServiceAnswers.Consent;
import org.openbanking.gateway.dashboard.ServiceAnswers.ConsentAnswer;
import org.openbanking.gateway.dashboard.ServiceAnswers.ConsentList;
import org.openbanking.gateway.dashboard.ServiceAnswers.History;
import org.openbanking.gateway.dashboard.ServiceAnswers.Receipts;
import org.openbanking.gateway.downstream.AccountsClient;
import org.openbanking.gateway.downstream.ConsentClient;

import io.smallrye.mutiny.Uni;

/**
 * The dashboard's pages, assembled from the services' answers: the calls a page needs go out together, their typed
 * answers ({@link ServiceAnswers}) become the plain-words views the templates show ({@link DashboardViews}). Every
 * call is made for the signed-in user, so a page only ever shows that user's consents and accounts.
 */
@ApplicationScoped
class DashboardPages {

    @Inject
    ConsentClient consents;
    @Inject
    AccountsClient accounts;
    @Inject
    ServiceJson answers;

    /** The home page; {@code opened} are the requests from the pending cookie, each read again. */
    Uni<HomePage> home(String user, List<String> opened) {
        Uni<List<Optional<ConsentAnswer>>> openedConsents = opened.isEmpty()
                ? Uni.createFrom().item(List.of())
                : Uni.join().all(opened.stream()
                        .map(id -> answers.optional(consents.read(api -> api.userConsent(user, id)), ConsentAnswer.class))
                        .toList()).andFailFast();
        return Uni.combine().all()
                .unis(answers.read(consents.read(api -> api.userConsents(user, null)), ConsentList.class),
                        ownAccounts(user), accessCounts(user),
                        answers.read(consents.read(api -> api.blocked(user)), BlockedPartners.class), openedConsents)
                .with(DashboardPages::homePage);
    }

    Uni<ConsentPage> consent(String user, String consentId) {
        return Uni.combine().all()
                .unis(answers.read(consents.read(api -> api.userConsent(user, consentId)), ConsentAnswer.class),
                        ownAccounts(user), accessCounts(user),
                        answers.read(consents.read(api -> api.history(user, consentId)), History.class))
                .with(DashboardPages::consentPage);
    }

    /** One consent alone, as the withdrawal's confirmation shows it. */
    Uni<ConsentCard> card(String user, String consentId) {
        return Uni.combine().all()
                .unis(answers.read(consents.read(api -> api.userConsent(user, consentId)), ConsentAnswer.class),
                        ownAccounts(user), accessCounts(user))
                .with((found, own, counts) -> ConsentCards.card(found.data(), own, counts));
    }

    /** One page of the access log; the filters are valid ids or null, {@code page} a service's page token or null. */
    Uni<AccessLogPage> accessLog(String user, String partnerFilter, String consentFilter, String page) {
        return Uni.combine().all()
                .unis(answers.read(consents.read(api -> api.receipts(user, consentFilter, partnerFilter, null, null,
                        page)), Receipts.class),
                        answers.read(consents.read(api -> api.userConsents(user, null)), ConsentList.class),
                        ownAccounts(user))
                .with((receipts, list, own) -> accessLogPage(receipts, list, own, partnerFilter, consentFilter));
    }

    private Uni<Map<String, String>> ownAccounts(String user) {
        return answers.read(accounts.read(api -> api.own(user)), ServiceAnswers.Accounts.class)
                .map(ConsentCards::accountLabels);
    }

    private Uni<Map<String, AccessCounts.Count>> accessCounts(String user) {
        return answers.read(consents.read(api -> api.accessCounts(user)), AccessCounts.class)
                .map(ConsentCards::countsByConsent);
    }

    /**
     * Requests waiting for an answer, live consents and past ones (latest change first). An opened request shows
     * while it still waits and the list does not hold it already; the partners the user may block are those of the
     * consents shown, less the blocked ones.
     */
    static HomePage homePage(ConsentList list, Map<String, String> own, Map<String, AccessCounts.Count> counts,
            BlockedPartners blockedList, List<Optional<ConsentAnswer>> opened) {
        List<ConsentCard> pending = new ArrayList<>();
        List<ConsentCard> live = new ArrayList<>();
        List<ConsentCard> past = new ArrayList<>();
        for (Consent consent : list.data().consent()) {
            ConsentCard card = ConsentCards.card(consent, own, counts);
            (card.pending() ? pending : card.live() ? live : past).add(card);
        }
        List<String> stillPending = new ArrayList<>();
        for (Consent consent : opened.stream().flatMap(Optional::stream).map(ConsentAnswer::data).toList()) {
            String id = ConsentCards.text(consent.consentId());
            if ("AwaitingAuthorisation".equals(consent.status()) && pending.stream().noneMatch(c -> c.id().equals(id))) {
                pending.add(ConsentCards.card(consent, own, counts));
                stillPending.add(id);
            }
        }
        past.sort(Comparator.comparing(ConsentCard::updated).reversed());
        List<BlockedPartner> blocked = new ArrayList<>();
        Set<String> blockedIds = new LinkedHashSet<>();
        for (BlockedPartners.Entry b : blockedList.data().blockedPartner()) {
            blocked.add(new BlockedPartner(ConsentCards.text(b.partnerId()), ConsentCards.text(b.partnerName()),
                    PlainWords.day(b.blockedDateTime())));
            blockedIds.add(ConsentCards.text(b.partnerId()));
        }
        Map<String, String> partners = new LinkedHashMap<>();
        for (List<ConsentCard> cards : List.of(pending, live, past)) {
            cards.forEach(c -> partners.putIfAbsent(c.partnerId(), c.partnerName()));
        }
        List<Option> blockable = partners.entrySet().stream()
                .filter(e -> !blockedIds.contains(e.getKey()))
                .map(e -> new Option(e.getKey(), e.getValue(), false)).toList();
        return new HomePage(pending, live, past, blocked, blockable, stillPending);
    }

    static ConsentPage consentPage(ConsentAnswer found, Map<String, String> own,
            Map<String, AccessCounts.Count> counts, History history) {
        List<HistoryLine> lines = new ArrayList<>();
        for (History.Entry h : history.data().history()) {
            lines.add(new HistoryLine(PlainWords.moment(h.dateTime()), PlainWords.status(h.from()),
                    PlainWords.status(h.to()), PlainWords.actor(h.actor()), ConsentCards.text(h.reason())));
        }
        List<AccountOption> options = own.entrySet().stream()
                .map(e -> new AccountOption(e.getKey(), e.getValue())).toList();
        return new ConsentPage(ConsentCards.card(found.data(), own, counts), options, lines);
    }

    /** The receipts in words; the filters offer every partner and consent of the user, the chosen ones selected. */
    static AccessLogPage accessLogPage(Receipts receipts, ConsentList list, Map<String, String> own,
            String partnerFilter, String consentFilter) {
        List<LogLine> lines = new ArrayList<>();
        for (Receipts.Receipt r : receipts.data().receipt()) {
            // An account the user no longer holds still shows, by its id.
            List<String> names = r.accountIds().stream().map(a -> own.getOrDefault(a, a)).toList();
            lines.add(new LogLine(PlainWords.moment(r.dateTime()), ConsentCards.text(r.partnerName()),
                    PlainWords.resource(r.resource()), String.join(", ", names),
                    r.recordCount() == null ? 0 : r.recordCount(), PlainWords.purpose(r.purpose()),
                    ConsentCards.text(r.consentId())));
        }
        Map<String, String> partners = new LinkedHashMap<>();
        List<Option> consentOptions = new ArrayList<>();
        for (Consent c : list.data().consent()) {
            String id = ConsentCards.text(c.consentId());
            String name = ConsentCards.text(c.partnerName());
            partners.putIfAbsent(ConsentCards.text(c.partnerId()), name);
            consentOptions.add(new Option(id, name + ": " + PlainWords.purpose(c.purpose().code()) + " ("
                    + PlainWords.status(c.status()).toLowerCase() + ", " + PlainWords.day(c.creationDateTime()) + ")",
                    id.equals(consentFilter)));
        }
        List<Option> partnerOptions = partners.entrySet().stream()
                .map(e -> new Option(e.getKey(), e.getValue(), e.getKey().equals(partnerFilter))).toList();
        return new AccessLogPage(lines, partnerOptions, consentOptions,
                nextPage(receipts.links().next(), partnerFilter, consentFilter));
    }

    /** The page token of a service's {@code Links.Next}, as a dashboard link with the same filters. */
    static String nextPage(String serviceNext, String partner, String consent) {
        if (serviceNext == null) {
            return null;
        }
        String query = URI.create(serviceNext).getRawQuery();
        String token = null;
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.startsWith("page-token=")) {
                token = URLDecoder.decode(pair.substring("page-token=".length()), StandardCharsets.UTF_8);
            }
        }
        if (token == null) {
            return null;
        }
        StringBuilder link = new StringBuilder("/dashboard/access-log?page=").append(token);
        if (partner != null) {
            link.append("&partner=").append(partner);
        }
        if (consent != null) {
            link.append("&consent=").append(consent);
        }
        return link.toString();
    }
}
