package org.openbanking.consent.service;

import static org.openbanking.common.ErrorCodes.FIELD_INVALID;
import static org.openbanking.common.ErrorCodes.FIELD_MISSING;
import static org.openbanking.common.ErrorCodes.HEADER_INVALID;
import static org.openbanking.common.ErrorCodes.RESOURCE_INVALID_CONSENT_STATUS;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.common.ApiException;
import org.openbanking.common.ErrorDetail;
import org.openbanking.common.Failures;
import org.openbanking.common.IdempotencyKeys;
import org.openbanking.common.Ids;
import org.openbanking.consent.client.AccountsClient;
import org.openbanking.consent.config.ConsentConfig;
import org.openbanking.consent.model.Actor;
import org.openbanking.consent.model.Consent;
import org.openbanking.consent.model.ConsentHistory;
import org.openbanking.consent.model.ConsentStatus;
import org.openbanking.consent.model.IdempotencyKey;
import org.openbanking.consent.model.Partner;
import org.openbanking.consent.repository.ConsentHistoryRepository;
import org.openbanking.consent.repository.ConsentRepository;
import org.openbanking.consent.repository.IdempotencyKeyRepository;
import org.openbanking.consent.repository.UserBlockRepository;
import org.openbanking.consent.rest.ConsentRequest;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The consent lifecycle: creation by partners, and every transition that users, partners and time make. */
@ApplicationScoped
public class ConsentService {

    public static final int MAX_ACCOUNTS_PER_CONSENT = 100;

    /** A consent from a create call; {@code replayed} when an idempotency key returned an earlier one. */
    public record Created(Consent consent, boolean replayed) {
    }

    @Inject
    ConsentRepository consents;
    @Inject
    ConsentHistoryRepository history;
    @Inject
    IdempotencyKeyRepository keys;
    @Inject
    UserBlockRepository blocks;
    @Inject
    PartnerService partners;
    @Inject
    ConsentTransitions transitions;
    @Inject
    AccountsClient accounts;
    @Inject
    ConsentConfig config;
    @Inject
    ObjectMapper mapper;

    // ---- partners

    public Uni<Created> create(String partnerId, String idempotencyKey, ConsentRequest request) {
        Ids.requireValid(partnerId, "PartnerId");
        IdempotencyKeys.requireValid(idempotencyKey);
        ConsentRules.NewConsent valid = ConsentRules.validate(request, transitions.now());
        String hash = IdempotencyKeys.fingerprint(mapper, request);
        // Two first uses of one key (or of one partner) race on a unique key: the loser retries and finds the winner.
        return Panache.withTransaction(() -> createOnce(partnerId, idempotencyKey, hash, valid))
                .onFailure(Failures::isUniqueViolation)
                .recoverWithUni(() -> Panache.withTransaction(() -> createOnce(partnerId, idempotencyKey, hash, valid)));
    }

    private Uni<Created> createOnce(String partnerId, String key, String hash, ConsentRules.NewConsent valid) {
        Instant now = transitions.now();
        return partners.findOrRegister(partnerId).chain(partner -> {
            if (partner.isSuspended()) {
                throw ApiException.forbidden(HEADER_INVALID, "This partner is suspended and cannot request consents");
            }
            if (key == null) {
                return insert(partner, valid, now).map(c -> new Created(c, false));
            }
            return keys.findById(IdempotencyKeys.idOf(partnerId, key)).chain(existing -> {
                if (existing != null && existing.createdAt.isAfter(now.minus(config.idempotencyWindow()))) {
                    if (!existing.requestHash.equals(hash)) {
                        throw IdempotencyKeys.usedWithAnotherBody();
                    }
                    return consents.findById(existing.consentId).map(c -> new Created(c, true));
                }
                return insert(partner, valid, now).call(consent -> {
                    // A key older than the window is reused in place: the row keeps its identity.
                    IdempotencyKey entry = existing != null ? existing : new IdempotencyKey();
                    entry.id = IdempotencyKeys.idOf(partnerId, key);
                    entry.partnerId = partnerId;
                    entry.idemKey = key;
                    entry.requestHash = hash;
                    entry.consentId = consent.id;
                    entry.createdAt = now;
                    return existing != null ? Uni.createFrom().voidItem() : keys.persist(entry);
                }).map(c -> new Created(c, false));
            });
        });
    }

    private Uni<Consent> insert(Partner partner, ConsentRules.NewConsent valid, Instant now) {
        Consent consent = new Consent();
        consent.id = "aac-" + UUID.randomUUID();
        consent.partnerId = partner.id;
        consent.partnerName = partner.name;
        consent.status = ConsentStatus.AwaitingAuthorisation;
        consent.statusReasonCode = "AwaitingAuthorisation";
        consent.statusReason = "Requested by the partner; awaiting the user's decision";
        consent.permissions = valid.permissions();
        consent.expirationTime = valid.expiration();
        consent.transactionFrom = valid.transactionFrom();
        consent.transactionTo = valid.transactionTo();
        consent.purposeCode = valid.purpose().name();
        consent.purposeDescription = valid.purposeDescription();
        consent.prohibitedUses = ConsentRules.PROHIBITED_USES;
        consent.frequencyPerDay = valid.frequencyPerDay();
        consent.createdAt = now;
        consent.statusUpdatedAt = now;
        return consents.persist(consent)
                .call(c -> transitions.record(c.id, null, ConsentStatus.AwaitingAuthorisation, Actor.Partner, partner.id,
                        "Requested by the partner", now));
    }

    @WithSession
    public Uni<Consent> getForPartner(String partnerId, String consentId) {
        Ids.requireValid(consentId, "ConsentId");
        return consents.findById(consentId).map(c -> ownedByPartner(c, partnerId));
    }

    /** The partner's DELETE: an authorised consent is revoked; one still awaiting the user is withdrawn (rejected). */
    @WithTransaction
    public Uni<Consent> revokeByPartner(String partnerId, String consentId) {
        Ids.requireValid(consentId, "ConsentId");
        return consents.findForUpdate(consentId).map(c -> ownedByPartner(c, partnerId)).chain(c -> {
            ConsentStatus status = c.statusAt(transitions.now());
            if (status == ConsentStatus.Authorised) {
                return transitions.apply(c, ConsentStatus.Revoked, Actor.Partner, partnerId, "RevokedByPartner",
                        "Revoked by the partner");
            }
            if (status == ConsentStatus.AwaitingAuthorisation) {
                return transitions.apply(c, ConsentStatus.Rejected, Actor.Partner, partnerId, "WithdrawnByPartner",
                        "Withdrawn by the partner before the user decided");
            }
            throw wrongState(status, "revoked");
        });
    }

    // ---- users

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
                throw wrongState(status, "revoked");
            }
            return transitions.apply(c, ConsentStatus.Revoked, Actor.User, userId, "RevokedByUser", "Revoked by the user");
        });
    }

    // ---- time

    /** Persists {@code Expired} for consents whose expiry has passed. Reads already report it; this makes it durable. */
    @WithTransaction
    public Uni<Integer> expireDue() {
        return consents.findDueForExpiry(transitions.now(), config.expiry().batchSize())
                .chain(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(c -> expire(transitions, c))
                        .collect().asList()
                        .map(List::size));
    }

    static Uni<Consent> expire(ConsentTransitions transitions, Consent consent) {
        return transitions.apply(consent, ConsentStatus.Expired, Actor.System, null, "Expired",
                "The consent reached its expiry date");
    }

    // ---- rules shared by the calls above

    private static Consent ownedByPartner(Consent consent, String partnerId) {
        // Another partner's consent is indistinguishable from one that does not exist.
        if (consent == null || !consent.partnerId.equals(partnerId)) {
            throw ApiException.notFound("No consent with this id");
        }
        return consent;
    }

    /**
     * A consent bound to a user is theirs alone; one awaiting authorisation is open to the user who follows the
     * partner's link, until someone decides it. Everything else is a 404, so that ids cannot be probed.
     */
    private Consent visibleToUser(Consent consent, String userId) {
        if (consent == null) {
            throw ApiException.notFound("No consent with this id");
        }
        boolean bound = userId.equals(consent.userId);
        boolean open = consent.userId == null && consent.statusAt(transitions.now()) == ConsentStatus.AwaitingAuthorisation;
        if (!bound && !open) {
            throw ApiException.notFound("No consent with this id");
        }
        return consent;
    }

    private Uni<Void> requireAwaiting(Consent consent, String verb) {
        ConsentStatus status = consent.statusAt(transitions.now());
        if (status != ConsentStatus.AwaitingAuthorisation) {
            throw wrongState(status, verb);
        }
        return Uni.createFrom().voidItem();
    }

    private static ApiException wrongState(ConsentStatus status, String verb) {
        return ApiException.conflict(RESOURCE_INVALID_CONSENT_STATUS,
                "The consent is " + status + " and cannot be " + verb);
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
