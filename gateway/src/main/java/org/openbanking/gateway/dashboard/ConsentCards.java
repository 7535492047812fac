package org.openbanking.gateway.dashboard;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openbanking.gateway.dashboard.DashboardViews.ConsentCard;
import org.openbanking.gateway.dashboard.ServiceAnswers.AccessCounts;
import org.openbanking.gateway.dashboard.ServiceAnswers.Accounts;
import org.openbanking.gateway.dashboard.ServiceAnswers.Consent;

/** A consent in the words every page shows it: what the partner sees, on which accounts, how often it looked. */
final class ConsentCards {

    /** The statuses whose reason a user reads (why it was rejected, withdrawn or expired). */
    private static final Set<String> FINAL = Set.of("Rejected", "Revoked", "Expired");

    private ConsentCards() {
    }

    /** {@code own}: the user's account labels by id; {@code counts}: the access counts by consent id. */
    static ConsentCard card(Consent d, Map<String, String> own, Map<String, AccessCounts.Count> counts) {
        String id = text(d.consentId());
        String status = text(d.status());
        List<String> accountNames = d.accountIds().stream()
                .map(a -> own.getOrDefault(a, "an account no longer listed")).toList();
        String reason = FINAL.contains(status) && !d.statusReason().isEmpty() && d.statusReason().get(0) != null
                ? text(d.statusReason().get(0).statusReasonDescription())
                : "";
        AccessCounts.Count count = counts.get(id);
        String partnerName = d.partnerName() != null ? d.partnerName() : text(d.partnerId());
        return new ConsentCard(id, text(d.partnerId()), partnerName, status, PlainWords.status(status),
                "AwaitingAuthorisation".equals(status), "Authorised".equals(status),
                PlainWords.whatItSees(d.permissions(), d.transactionFromDateTime(), d.transactionToDateTime()),
                PlainWords.purpose(d.purpose().code()), text(d.purpose().description()),
                PlainWords.prohibited(d.prohibitedUses()),
                PlainWords.frequency(d.frequencyPerDay() == null ? 4 : d.frequencyPerDay()),
                PlainWords.moment(d.expirationDateTime()), PlainWords.moment(d.creationDateTime()),
                text(d.statusUpdateDateTime()), reason, accountNames,
                count == null || count.accesses() == null ? 0 : count.accesses(),
                count == null ? "" : PlainWords.moment(count.lastAccessDateTime()));
    }

    /** The user's own accounts, by id, as "Nickname (type, currency, masked IBAN)", in the service's order. */
    static Map<String, String> accountLabels(Accounts found) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Accounts.Account a : found.data().account()) {
            String masked = text(a.maskedIdentification());
            String type = a.accountSubType() != null ? a.accountSubType() : text(a.accountType());
            labels.put(text(a.accountId()), (a.nickname() != null ? a.nickname() : "Account") + " (" + type + ", "
                    + text(a.currency()) + (masked.isEmpty() ? "" : ", " + masked) + ")");
        }
        return labels;
    }

    static Map<String, AccessCounts.Count> countsByConsent(AccessCounts found) {
        Map<String, AccessCounts.Count> counts = new HashMap<>();
        found.data().accessCount().forEach(c -> counts.put(text(c.consentId()), c));
        return counts;
    }

    /** An absent value shows as nothing. */
    static String text(String value) {
        return value == null ? "" : value;
    }
}
