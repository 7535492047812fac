package org.openbanking.consent.service;

import static org.openbanking.common.ErrorCodes.HEADER_INVALID;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.common.ApiException;
import org.openbanking.common.Failures;
import org.openbanking.common.IdempotencyKeys;
import org.openbanking.common.Ids;
import org.openbanking.consent.config.ConsentConfig;
import org.openbanking.consent.model.Actor;
import org.openbanking.consent.model.Consent;
import org.openbanking.consent.model.ConsentStatus;
import org.openbanking.consent.model.IdempotencyKey;
import org.openbanking.consent.model.Partner;
import org.openbanking.consent.repository.ConsentRepository;
import org.openbanking.consent.repository.IdempotencyKeyRepository;
import org.openbanking.consent.rest.ConsentRequest;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The partner's side of a consent: creating it (idempotent by key), reading it, and revoking or withdrawing it. A
 * partner sees and changes only its own consents.
 */
@ApplicationScoped
public class PartnerConsentService {

    /** A consent from a create call; {@code replayed} when an idempotency key returned an earlier one. */
    public record Created(Consent consent, boolean replayed) {
    }

    @Inject
    ConsentRepository consents;
    @Inject
    IdempotencyKeyRepository keys;
    @Inject
    PartnerService partners;
    @Inject
    ConsentTransitions transitions;
    @Inject
    ConsentConfig config;
    @Inject
    ObjectMapper mapper;

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
        return consents.findById(consentId).map(c -> ConsentChecks.ownedByPartner(c, partnerId));
    }

    /** The partner's DELETE: an authorised consent is revoked; one still awaiting the user is withdrawn (rejected). */
    @WithTransaction
    public Uni<Consent> revokeByPartner(String partnerId, String consentId) {
        Ids.requireValid(consentId, "ConsentId");
        return consents.findForUpdate(consentId).map(c -> ConsentChecks.ownedByPartner(c, partnerId)).chain(c -> {
            ConsentStatus status = c.statusAt(transitions.now());
            if (status == ConsentStatus.Authorised) {
                return transitions.apply(c, ConsentStatus.Revoked, Actor.Partner, partnerId, "RevokedByPartner",
                        "Revoked by the partner");
            }
            if (status == ConsentStatus.AwaitingAuthorisation) {
                return transitions.apply(c, ConsentStatus.Rejected, Actor.Partner, partnerId, "WithdrawnByPartner",
                        "Withdrawn by the partner before the user decided");
            }
            throw ConsentChecks.wrongState(status, "revoked");
        });
    }
}
