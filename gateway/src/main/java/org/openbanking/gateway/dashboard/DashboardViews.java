package org.openbanking.gateway.dashboard;

import java.util.List;

/** What the dashboard's templates show: plain words, already chosen; the templates only lay them out (and escape). */
public final class DashboardViews {

    private DashboardViews() {
    }

    /** The home page; {@code stillPending} are the opened requests it shows, which the pending cookie keeps. */
    public record HomePage(List<ConsentCard> pending, List<ConsentCard> live, List<ConsentCard> past,
            List<BlockedPartner> blocked, List<Option> blockable, List<String> stillPending) {
    }

    public record ConsentPage(ConsentCard consent, List<AccountOption> accounts, List<HistoryLine> history) {
    }

    /** {@code next} is the dashboard's link to the next page, null on the last. */
    public record AccessLogPage(List<LogLine> lines, List<Option> partners, List<Option> consents, String next) {
    }

    public record AccountOption(String id, String label) {
    }

    public record ConsentCard(
            String id,
            String partnerId,
            String partnerName,
            String status,
            String statusWords,
            boolean pending,
            boolean live,
            List<String> sees,
            String purpose,
            String purposeDescription,
            String prohibited,
            String frequency,
            String expires,
            String created,
            String updated,
            String reason,
            List<String> accounts,
            long accesses,
            String lastAccess) {
    }

    public record HistoryLine(String when, String from, String to, String who, String reason) {
    }

    public record LogLine(String when, String partnerName, String what, String accounts, int records, String purpose,
            String consentId) {
    }

    public record Option(String value, String label, boolean selected) {
    }

    public record BlockedPartner(String id, String name, String since) {
    }

    /** A message after an action, chosen from a fixed list so that no text from a URL is ever shown. */
    public record Notice(String text, boolean error) {

        static Notice of(String key) {
            if (key == null) {
                return null;
            }
            return switch (key) {
                case "approved" -> new Notice("You approved the request. The partner can now see what it lists.", false);
                case "rejected" -> new Notice("You rejected the request. The partner sees nothing.", false);
                case "revoked" -> new Notice("Consent withdrawn. The partner can no longer see your data.", false);
                case "blocked" -> new Notice("Partner blocked. Its consents are withdrawn and it cannot ask again.",
                        false);
                case "unblocked" -> new Notice("Partner unblocked. It may ask for your consent again.", false);
                case "choose-account" -> new Notice("Choose at least one account to approve, or reject the request.",
                        true);
                default -> null;
            };
        }
    }
}
