package org.openbanking.accounts.service;

import static org.openbanking.common.ErrorCodes.FIELD_INVALID;
import static org.openbanking.common.ErrorCodes.RULES_RESOURCE_ALREADY_EXISTS;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import org.openbanking.accounts.model.Account;
import org.openbanking.accounts.model.BankLink;
import org.openbanking.accounts.repository.AccountRepository;
import org.openbanking.accounts.repository.BankLinkRepository;
import org.openbanking.common.ApiException;
import org.openbanking.common.Failures;
import org.openbanking.common.Ids;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Bank links, the only way a bank reaches a user: the user creates a one-time code for one bank, the bank redeems it
 * for its own {@code CustomerRef}, and its loads name that ref. Unlinking hides the bank's accounts at once; revoking
 * the consents that cover them is the gateway's next step (consent-service owns consents), with the ids returned here.
 */
@ApplicationScoped
public class BankLinkService {

    /** A new code, and the link it belongs to. */
    public record Created(BankLink link, String code) {
    }

    @Inject
    BankLinkRepository links;
    @Inject
    AccountRepository accounts;
    @Inject
    Clock clock;

    /**
     * A code for the user to give to the bank. A pending link gets a fresh code (the old one stops working); a bank
     * already linked is 409.
     */
    @WithTransaction
    public Uni<Created> create(String userId, String bankId) {
        Ids.requireValid(userId, "UserId");
        if (!Ids.isValid(bankId)) {
            throw ApiException.badRequest(FIELD_INVALID, "BankId", "BankId must be a bank's id");
        }
        Instant now = now();
        return links.liveOf(userId, bankId).chain(live -> {
            if (live != null && BankLink.LINKED.equals(live.status)) {
                throw ApiException.conflict(RULES_RESOURCE_ALREADY_EXISTS, "You are already linked to this bank");
            }
            String code = LinkCodes.newCode();
            BankLink link = live != null ? live : new BankLink();
            if (live == null) {
                link.customerRef = LinkCodes.newCustomerRef();
                link.bankId = bankId;
                link.userId = userId;
                link.status = BankLink.PENDING;
                link.createdAt = now;
            }
            link.codeHash = LinkCodes.hash(code);
            link.codeExpiresAt = now.plus(LinkCodes.VALIDITY);
            return (live != null ? Uni.createFrom().item(link) : links.persist(link)).map(l -> new Created(l, code));
        }).onFailure(Failures::isUniqueViolation).transform(e -> ApiException.conflict(RULES_RESOURCE_ALREADY_EXISTS,
                "A link to this bank is being created; try again"));
    }

    @WithSession
    public Uni<List<BankLink>> live(String userId) {
        Ids.requireValid(userId, "UserId");
        return links.liveOf(userId);
    }

    /**
     * The bank redeems its customer's code: 404 for a code that does not exist, expired, was cancelled or was made
     * for another bank (nothing tells which); 409 when it was already used. Two banks or two tries racing on one code:
     * the row lock lets one of them link.
     */
    @WithTransaction
    public Uni<BankLink> redeem(String bankId, String code) {
        Ids.requireValid(bankId, "BankId");
        if (!LinkCodes.isWellFormed(code)) {
            throw ApiException.badRequest(FIELD_INVALID, "LinkCode", "LinkCode must be the 12 characters the user was given");
        }
        Instant now = now();
        return links.find("codeHash", LinkCodes.hash(code)).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .map(link -> {
                    if (link == null || !link.bankId.equals(bankId)) {
                        throw ApiException.notFound("No such link code for this bank");
                    }
                    if (link.linkedAt != null) {
                        throw ApiException.conflict(RULES_RESOURCE_ALREADY_EXISTS, "This link code was already used");
                    }
                    if (!BankLink.PENDING.equals(link.status) || !now.isBefore(link.codeExpiresAt)) {
                        throw ApiException.notFound("No such link code for this bank");
                    }
                    link.status = BankLink.LINKED;
                    link.linkedAt = now;
                    return link;
                });
    }

    /**
     * Unlinks the bank: the link ends and every account of the user at that bank is hidden. Returns those accounts'
     * ids (all of them, also on a repeated call), so that the consents covering them can be revoked; 404 if the user
     * never linked the bank.
     */
    @WithTransaction
    public Uni<List<String>> unlink(String userId, String bankId) {
        Ids.requireValid(userId, "UserId");
        Ids.requireValid(bankId, "BankId");
        Instant now = now();
        return links.everLinked(userId, bankId).chain(ever -> {
            if (!ever) {
                throw ApiException.notFound("You have no link to this bank");
            }
            return links.liveOf(userId, bankId);
        }).invoke(live -> {
            if (live != null) {
                live.status = BankLink.UNLINKED;
                live.unlinkedAt = now;
            }
        }).chain(ignored -> accounts.findByUserAtBank(userId, bankId)).map(found -> {
            found.forEach(a -> a.linked = false);
            return found.stream().map(a -> a.id).toList();
        });
    }

    /** The user a bank's {@code CustomerRef} stands for, while linked; 404 otherwise (unknown, another bank's, unlinked). */
    public Uni<String> userOf(String bankId, String customerRef) {
        Ids.requireValid(bankId, "BankId");
        if (!Ids.isValid(customerRef)) {
            throw ApiException.badRequest(FIELD_INVALID, "CustomerRef", "Not a customer reference");
        }
        return links.findById(customerRef).map(link -> {
            if (link == null || !link.bankId.equals(bankId) || !BankLink.LINKED.equals(link.status)) {
                throw ApiException.notFound("No linked customer with this CustomerRef");
            }
            return link.userId;
        });
    }

    /** Shown again when the bank loads it under a linked ref. */
    static void show(Account account) {
        account.linked = true;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
