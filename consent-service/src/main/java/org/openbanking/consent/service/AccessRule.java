package org.openbanking.consent.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.openbanking.consent.model.Permission;
import org.openbanking.consent.model.PurposeCode;
import org.openbanking.consent.model.Resource;

/**
 * The access rule, in one place: what a consent's permissions grant (resources, and how much of each is shown), whether
 * a call is within that grant, and which FrequencyPerDay budget an unattended call is counted in. Access decisions
 * send the grant itself, so the gateway's cache only checks membership and accounts-service applies what it is given:
 * neither maps permissions again.
 */
public final class AccessRule {

    /** Which transactions are shown: OBIE's {@code CreditDebitIndicator} values. */
    public enum CreditDebit {
        Credit, Debit
    }

    /**
     * What a consent grants: the resources a partner may read, those shown with their detail fields (OBIE's Detail
     * permissions; Basic otherwise), and which transactions are shown.
     */
    public record Grant(Set<Resource> resources, Set<Resource> detailed, Set<CreditDebit> creditDebit) {

        public boolean grants(Resource resource) {
            return resources.contains(resource);
        }
    }

    /** The consent-wide FrequencyPerDay bucket; account ids never take this value (they are checked by {@code Ids}). */
    public static final String CONSENT_WIDE = "*";

    private AccessRule() {
    }

    /**
     * The grant of a consent's permissions. Transactions need Basic or Detail and at least one of Credits or Debits
     * (OBIE's pairing, which {@link ConsentRules} also requires of a request); offers need ReadOffers and the
     * OfferPlacement purpose, since offers are placed for that purpose only.
     */
    public static Grant grantOf(Collection<String> permissions, String purposeCode) {
        Set<Permission> held = EnumSet.noneOf(Permission.class);
        permissions.forEach(code -> Permission.parse(code).ifPresent(held::add));
        Set<Resource> resources = EnumSet.noneOf(Resource.class);
        Set<Resource> detailed = EnumSet.noneOf(Resource.class);
        Set<CreditDebit> creditDebit = EnumSet.noneOf(CreditDebit.class);
        if (held.contains(Permission.ReadAccountsBasic) || held.contains(Permission.ReadAccountsDetail)) {
            resources.add(Resource.Accounts);
        }
        if (held.contains(Permission.ReadAccountsDetail)) {
            detailed.add(Resource.Accounts);
        }
        if (held.contains(Permission.ReadBalances)) {
            resources.add(Resource.Balances);
        }
        if (held.contains(Permission.ReadTransactionsCredits)) {
            creditDebit.add(CreditDebit.Credit);
        }
        if (held.contains(Permission.ReadTransactionsDebits)) {
            creditDebit.add(CreditDebit.Debit);
        }
        boolean transactions = held.contains(Permission.ReadTransactionsBasic)
                || held.contains(Permission.ReadTransactionsDetail);
        if (transactions && !creditDebit.isEmpty()) {
            resources.add(Resource.Transactions);
            if (held.contains(Permission.ReadTransactionsDetail)) {
                detailed.add(Resource.Transactions);
            }
        } else {
            creditDebit.clear();
        }
        if (held.contains(Permission.ReadOffers) && PurposeCode.OfferPlacement.name().equals(purposeCode)) {
            resources.add(Resource.Offers);
        }
        return new Grant(Set.copyOf(resources), Set.copyOf(detailed), Set.copyOf(creditDebit));
    }

    /** Why a call is outside the grant (the message of a 403 ConsentMismatch), or empty when it is within. */
    public static Optional<String> refusal(Grant grant, List<String> accountIds, Resource resource, String accountId) {
        if (!grant.grants(resource)) {
            return Optional.of("The consent does not grant access to " + resource);
        }
        if (accountId != null && !accountIds.contains(accountId)) {
            return Optional.of("The consent does not cover this account");
        }
        return Optional.empty();
    }

    /**
     * The FrequencyPerDay bucket of a call, or empty when the call is not counted (the user is present): calls that name
     * an account count against that account, calls that name none (the accounts list, offers) against one
     * consent-wide bucket, per UTC day.
     */
    public static Optional<String> bucketOf(Resource resource, String accountId, boolean userPresent) {
        if (userPresent) {
            return Optional.empty();
        }
        boolean namesAccount = accountId != null && resource != Resource.Offers;
        return Optional.of(namesAccount ? accountId : CONSENT_WIDE);
    }

    /** The UTC day a call made at {@code now} counts in. */
    public static LocalDate dayOf(Instant now) {
        return now.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** {@code Retry-After} for a call refused at {@code now}: until the next UTC day, at least one second. */
    public static long secondsUntilNextDay(Instant now) {
        Instant next = dayOf(now).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return Math.max(1, Duration.between(now, next).toSeconds());
    }
}
