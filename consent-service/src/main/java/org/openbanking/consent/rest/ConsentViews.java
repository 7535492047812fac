package org.openbanking.consent.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openbanking.common.DateTimes;
import org.openbanking.consent.model.AccessReceipt;
import org.openbanking.consent.model.Consent;
import org.openbanking.consent.model.ConsentHistory;
import org.openbanking.consent.service.AccessDecisionService;
import org.openbanking.consent.service.AccessRule;

/** Entities to the contract's shapes. Statuses are the true ones at {@code now}, whether or not the expiry job ran. */
final class ConsentViews {

    static final String PARTNER_CONSENTS = "/open-banking/v3.1/aisp/account-access-consents/";
    static final String USER_CONSENTS = "/me/consents/";

    private ConsentViews() {
    }

    static ConsentView.Data data(Consent c, Instant now) {
        String status = c.statusAt(now).name();
        boolean expiredUnrecorded = !status.equals(c.status.name());
        return new ConsentView.Data(c.id, status,
                List.of(expiredUnrecorded
                        ? new ConsentView.StatusReason("Expired", "The consent reached its expiry date")
                        : new ConsentView.StatusReason(c.statusReasonCode, c.statusReason)),
                DateTimes.format(c.createdAt),
                DateTimes.format(expiredUnrecorded ? c.expirationTime : c.statusUpdatedAt),
                c.permissions,
                DateTimes.format(c.expirationTime),
                DateTimes.format(c.transactionFrom),
                DateTimes.format(c.transactionTo),
                new ConsentRequest.Purpose(c.purposeCode, c.purposeDescription),
                c.prohibitedUses,
                c.frequencyPerDay,
                c.partnerId,
                c.partnerName,
                c.accountIds);
    }

    static ConsentView view(Consent c, Instant now, String self) {
        return new ConsentView(data(c, now), Map.of(), new ConsentView.Links(self), Map.of());
    }

    static HistoryView history(String consentId, List<ConsentHistory> entries, String self) {
        return new HistoryView(new HistoryView.Data(consentId, entries.stream()
                .map(h -> new HistoryView.Entry(h.fromStatus == null ? null : h.fromStatus.name(), h.toStatus.name(),
                        h.actor.name(), h.reason, DateTimes.format(h.occurredAt)))
                .toList()), new ConsentView.Links(self));
    }

    static ReceiptView.Receipt receipt(AccessReceipt r) {
        return new ReceiptView.Receipt(r.id.toString(), r.consentId, r.partnerId, r.partnerName, r.resource.name(),
                r.accountIds, r.recordCount, r.purposeCode, r.prohibitedUses, r.interactionId, r.userPresent,
                DateTimes.format(r.occurredAt));
    }

    static AccessDecisionView decision(AccessDecisionService.Decision d, Instant now) {
        Consent c = d.consent();
        AccessDecisionView.Grant grant = null;
        if (c != null) {
            AccessRule.Grant granted = AccessRule.grantOf(c.permissions, c.purposeCode);
            grant = new AccessDecisionView.Grant(c.id, c.statusAt(now).name(), c.userId, c.accountIds,
                    names(granted.resources()), names(granted.detailed()), names(granted.creditDebit()),
                    DateTimes.format(c.transactionFrom), DateTimes.format(c.transactionTo),
                    DateTimes.format(c.expirationTime), c.frequencyPerDay, d.unattendedCallsToday());
        }
        AccessDecisionView.ReceiptContext receipt = d.permit()
                ? new AccessDecisionView.ReceiptContext(c.userId, c.partnerName, c.purposeCode, c.prohibitedUses)
                : null;
        return new AccessDecisionView(d.permit() ? "Permit" : "Deny", d.status(), d.errorCode(), d.message(),
                d.retryAfterSeconds(), grant, receipt, d.reservation() == null ? null : d.reservation().toString());
    }

    /** Enum names in declaration order, so that the same grant always reads the same. */
    private static <E extends Enum<E>> List<String> names(Set<E> values) {
        return values.stream().sorted().map(Enum::name).toList();
    }
}
