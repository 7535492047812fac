package org.openbanking.gateway.dashboard;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a consent means, in the words a user reads: never a permission code. The dashboard shows these sentences when a
 * partner asks, while it holds the consent, and in the access log.
 */
public final class PlainWords {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'",
            Locale.ENGLISH);

    private PlainWords() {
    }

    /** One sentence per thing the partner may see, in the order a user cares about. */
    public static List<String> whatItSees(List<String> permissions, String transactionFrom, String transactionTo) {
        Set<String> p = Set.copyOf(permissions);
        List<String> lines = new ArrayList<>();
        if (p.contains("ReadAccountsDetail")) {
            lines.add("the accounts you choose, with their nicknames, types, currencies and full account numbers (IBAN)");
        } else if (p.contains("ReadAccountsBasic")) {
            lines.add("the accounts you choose, with their nicknames, types and currencies (not the account numbers)");
        }
        if (p.contains("ReadBalances")) {
            lines.add("your balances");
        }
        boolean basic = p.contains("ReadTransactionsBasic");
        boolean detail = p.contains("ReadTransactionsDetail");
        boolean credits = p.contains("ReadTransactionsCredits");
        boolean debits = p.contains("ReadTransactionsDebits");
        if ((basic || detail) && (credits || debits)) {
            String direction = credits && debits ? "money in and out" : credits ? "money in only" : "money out only";
            String depth = detail
                    ? "with descriptions, merchant names and categories, and the balance after each"
                    : "amounts and dates only, without descriptions, merchants or balances";
            lines.add("your transactions " + window(transactionFrom, transactionTo) + ", " + direction + " (" + depth
                    + ")");
        }
        if (p.contains("ReadOffers")) {
            lines.add("offers from banks that match one of these accounts, chosen inside the platform (the partner learns "
                    + "which account an offer is for, never why it matched)");
        }
        return lines;
    }

    public static String purpose(String code) {
        if (code == null) {
            return "";
        }
        return switch (code) {
            case "AccountAggregation" -> "To show your accounts from several banks in one place";
            case "PersonalFinanceManagement" -> "To help you budget and manage your money";
            case "OfferPlacement" -> "To show you offers from banks";
            default -> code;
        };
    }

    /** "It may not use your data for advertising, profiling you or selling your data." */
    public static String prohibited(List<String> uses) {
        List<String> words = uses.stream().map(PlainWords::prohibitedUse).toList();
        if (words.isEmpty()) {
            return "";
        }
        String joined = words.size() == 1
                ? words.get(0)
                : String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
        return "It may not use your data for " + joined + ".";
    }

    private static String prohibitedUse(String code) {
        return switch (code) {
            case "Advertising" -> "advertising";
            case "Profiling" -> "profiling you";
            case "Resale" -> "selling your data";
            default -> code;
        };
    }

    public static String frequency(int perDay) {
        return "Up to " + perDay + (perDay == 1 ? " time" : " times")
                + " a day per account while you are not using its app; more often only while you are.";
    }

    public static String resource(String resource) {
        if (resource == null) {
            return "";
        }
        return switch (resource) {
            case "Accounts" -> "your account list";
            case "Balances" -> "your balances";
            case "Transactions" -> "your transactions";
            case "Offers" -> "offers matched to you";
            default -> resource;
        };
    }

    public static String status(String status) {
        if (status == null) {
            return "";
        }
        return switch (status) {
            case "AwaitingAuthorisation" -> "Waiting for your answer";
            case "Authorised" -> "Active";
            case "Rejected" -> "Rejected";
            case "Revoked" -> "Withdrawn";
            case "Expired" -> "Expired";
            default -> status;
        };
    }

    public static String actor(String actor) {
        if (actor == null) {
            return "";
        }
        return switch (actor) {
            case "User" -> "you";
            case "Partner" -> "the partner";
            case "Operator" -> "the platform";
            case "System" -> "automatically";
            default -> actor;
        };
    }

    /** "from 1 March 2026 to 30 June 2026", open ends in words. */
    static String window(String from, String to) {
        String f = day(from);
        String t = day(to);
        if (f.isEmpty() && t.isEmpty()) {
            return "of any date";
        }
        if (t.isEmpty()) {
            return "from " + f;
        }
        if (f.isEmpty()) {
            return "up to " + t;
        }
        return "from " + f + " to " + t;
    }

    /** A date as a person writes it, in UTC; empty when absent or unreadable. */
    public static String day(String isoDateTime) {
        OffsetDateTime time = parse(isoDateTime);
        return time == null ? "" : DAY.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    public static String moment(String isoDateTime) {
        OffsetDateTime time = parse(isoDateTime);
        return time == null ? "" : MOMENT.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    private static OffsetDateTime parse(String isoDateTime) {
        if (isoDateTime == null || isoDateTime.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(isoDateTime);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
