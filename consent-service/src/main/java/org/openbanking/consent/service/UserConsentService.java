package org.openbanking.consent.service;

import static org.openbanking.common.ErrorCodes.FIELD_INVALID;
import static org.openbanking.common.ErrorCodes.FIELD_MISSING;
import static org.openbanking.common.ErrorCodes.RESOURCE_INVALID_CONSENT_STATUS;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.common.ApiException;
import org.openbanking.common.ErrorDetail;
import org.openbanking.common.Ids;
import org.openbanking.consent.client.AccountsClient;
import org.openbanking.consent.model.Actor;
import org.openbanking.consent.model.Consent;
import org.openbanking.consent.model.ConsentHistory;
import org.openbanking.consent.model.ConsentStatus;
import org.openbanking.consent.repository.ConsentHistoryRepository;
import org.openbanking.consent.repository.ConsentRepository;
import org.openbanking.consent.repository.UserBlockRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The user's side of a consent: listing and reading theirs (and its history), and authorising, rejecting or revoking
 * it. A user sees the consents bound to them, and a request still awaiting anyone's decision.
 */
@ApplicationScoped
public class UserConsentService {

    public static final int MAX_ACCOUNTS_PER_CONSENT = 100;

    @Inject
    ConsentRepository consents;
    @Inject
    ConsentHistoryRepository history;
    @Inject
    UserBlockRepository blocks;
    @Inject
    PartnerService partners;
    @Inject
    ConsentTransitions transitions;
    @Inject
    AccountsClient accounts;

    @WithSession
    public Uni<List<Consent>> listForUser(String userId, ConsentStatus status) {
        Ids.requireValid(userId, "UserId");
        Instant now = transitions.now();
        return consents.findByUser(userId)
                .map(list -> list.stream().filter(c -> status == null || c.statusAt(now) == status).toList());
    }

    @WithSession
    public Uni<Consent> getForUser(String userId, String consentId) {
        Ids.requireValid(userId, "UserId");
        Ids.requireValid(consentId, "ConsentId");
        return consents.findById(consentId).map(c -> visibleToUser(c, userId));
    }

    @WithSession
    public Uni<List<ConsentHistory>> historyForUser(String userId, String consentId) {
        Ids.requireValid(userId, "UserId");
        Ids.requireValid(consentId, "ConsentId");
        return consents.findById(consentId).map(c -> visibleToUser(c, userId))
                .chain(c -> history.findByConsent(c.id));
    }

    /**
     * The user authorises a consent for some of their accounts. Ownership of every account is checked with
     * accounts-service first (outside the transaction, so no row lock is held across a network call); the consent is
     * then bound to the user and the accounts under its row lock.
     */
    public Uni<Consent> authorise(String userId, String consentId, List<String> accountIds) {
        Ids.requireValid(userId, "UserId");
        Ids.requireValid(consentId, "ConsentId");
        List<String> requested = validAccountIds(accountIds);
        return accounts.accountIdsOf(userId).chain(owned -> {
            List<ErrorDetail> errors = new ArrayList<>();
            for (int i = 0; i < requested.size(); i++) {
                if (!owned.contains(requested.get(i))) {
                    errors.add(ErrorDetail.of(FIELD_INVALID, "AccountIds[" + i + "]", "This is not one of your accounts"));
                }
            }
            if (!errors.isEmpty()) {
                throw ApiException.badRequest(errors);
            }
            return Panache.withTransaction(() -> consents.findForUpdate(consentId)
                    .map(c -> visibleToUser(c, userId))
                    .call(c -> requireAwaiting(c, "authorised"))
                    .call(c -> partners.requireActiveForAuthorisation(c.partnerId))
                    // Ordered with a concurrent block of the partner by this user, which cannot see this request yet.
                    .call(c -> blocks.lockPair(userId, c.partnerId))
                    .call(c -> blocks.isBlocked(userId, c.partnerId).invoke(blocked -> {
                        if (blocked) {
                            throw ApiException.conflict(RESOURCE_INVALID_CONSENT_STATUS,
                                    "You have blocked this partner; unblock it before authorising its requests");
                        }
                    }))
                    .chain(c -> {
                        c.userId = userId;
                        c.accountIds = requested;
                        return transitions.apply(c, ConsentStatus.Authorised, Actor.User, userId, "AuthorisedByUser",
                                "Authorised by the user");
                    }));
        });
    }

    @WithTransaction
    public Uni<Consent> reject(String userId, String consentId) {
        Ids.requireValid(userId, "UserId");
        Ids.requireValid(consentId, "ConsentId");
        return consents.findForUpdate(consentId).map(c -> visibleToUser(c, userId))
                .call(c -> requireAwaiting(c, "rejected"))
                .chain(c -> {
                    c.userId = userId;
                    return transitions.apply(c, ConsentStatus.Rejected, Actor.User, userId, "RejectedByUser",
                            "Rejected by the user");
                });
    }

    @WithTransaction
    public Uni<Consent> revokeByUser(String userId, String consentId) {
        Ids.requireValid(userId, "UserId");
        Ids.requireValid(consentId, "ConsentId");
        return consents.findForUpdate(consentId).map(c -> visibleToUser(c, userId)).chain(c -> {
            ConsentStatus status = c.statusAt(transitions.now());
            if (status != ConsentStatus.Authorised) {
                throw ConsentChecks.wrongState(status, "revoked");
            }
            return transitions.apply(c, ConsentStatus.Revoked, Actor.User, userId, "RevokedByUser", "Revoked by the user");
        });
    }

    private Consent visibleToUser(Consent consent, String userId) {
        return ConsentChecks.visibleToUser(consent, userId, transitions.now());
    }

    private Uni<Void> requireAwaiting(Consent consent, String verb) {
        return ConsentChecks.requireAwaiting(consent, verb, transitions.now());
    }

    private static List<String> validAccountIds(List<String> accountIds) {
        if (accountIds == null || accountIds.isEmpty()) {
            throw ApiException.badRequest(FIELD_MISSING, "AccountIds", "AccountIds must name at least one account");
        }
        if (accountIds.size() > MAX_ACCOUNTS_PER_CONSENT) {
            throw ApiException.badRequest(FIELD_INVALID, "AccountIds", "AccountIds may name at most 100 accounts");
        }
        List<ErrorDetail> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < accountIds.size(); i++) {
            String id = accountIds.get(i);
            if (!Ids.isValid(id)) {
                errors.add(ErrorDetail.of(FIELD_INVALID, "AccountIds[" + i + "]", "Not a valid account id"));
            } else if (!seen.add(id)) {
                errors.add(ErrorDetail.of(FIELD_INVALID, "AccountIds[" + i + "]", "Duplicate account id"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        return List.copyOf(accountIds);
    }
}
