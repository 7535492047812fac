package org.openbanking.offers.service;

import static org.openbanking.common.ErrorCodes.FIELD_INVALID;
import static org.openbanking.common.ErrorCodes.RESOURCE_INVALID_CONSENT_STATUS;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.common.ApiException;
import org.openbanking.common.Failures;
import org.openbanking.common.IdempotencyKeys;
import org.openbanking.common.Ids;
import org.openbanking.common.Text;
import org.openbanking.offers.model.Bank;
import org.openbanking.offers.model.Offer;
import org.openbanking.offers.model.OfferIdempotencyKey;
import org.openbanking.offers.repository.BankRepository;
import org.openbanking.offers.repository.OfferIdempotencyKeyRepository;
import org.openbanking.offers.repository.OfferRepository;
import org.openbanking.offers.repository.PlacementRepository;
import org.openbanking.offers.rest.OfferRequest;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The offer lifecycle for banks: draft → published → withdrawn, expired by its end. A bank reaches only its own. */
@ApplicationScoped
public class OfferService {

    public static final int SUPPRESSION_THRESHOLD = 5;

    /** Counts for a bank, or suppressed when fewer than 5 distinct users are behind them. */
    public record Stats(String offerId, long placements, long shown, long clicked, boolean suppressed) {
    }

    @Inject
    OfferRepository offers;
    @Inject
    BankRepository banks;
    @Inject
    PlacementRepository placements;
    @Inject
    Clock clock;
    @Inject
    OfferIdempotencyKeyRepository idempotencyKeys;
    @Inject
    ObjectMapper mapper;

    /**
     * A draft. With an idempotency key, the same key and body within 24 h return the offer the first request created
     * (as it is now); the same key with another body is a 400.
     */
    public Uni<Offer> create(String bankId, String idempotencyKey, OfferRequest request) {
        Ids.requireValid(bankId, "BankId");
        IdempotencyKeys.requireValid(idempotencyKey);
        OfferRules.apply(new Offer(), request, now()); // a 400 for a bad body before any key is looked up or stored
        String fingerprint = IdempotencyKeys.fingerprint(mapper, request);
        // Two first uses of one key race on its primary key: the loser retries and finds the winner's offer.
        return Panache.withTransaction(() -> createOnce(bankId, idempotencyKey, fingerprint, request))
                .onFailure(Failures::isUniqueViolation)
                .recoverWithUni(() -> Panache.withTransaction(() -> createOnce(bankId, idempotencyKey, fingerprint, request)));
    }

    private Uni<Offer> createOnce(String bankId, String key, String fingerprint, OfferRequest request) {
        Instant now = now();
        if (key == null) {
            return insert(bankId, request, now);
        }
        String id = IdempotencyKeys.idOf(bankId, key);
        return idempotencyKeys.findById(id).chain(existing -> {
            if (existing != null && existing.createdAt.isAfter(now.minus(IdempotencyKeys.WINDOW))) {
                if (!existing.requestHash.equals(fingerprint)) {
                    throw IdempotencyKeys.usedWithAnotherBody();
                }
                return offers.findById(existing.offerId);
            }
            return insert(bankId, request, now).call(offer -> {
                // A key older than the window is reused in place: the row keeps its identity.
                OfferIdempotencyKey entry = existing != null ? existing : new OfferIdempotencyKey();
                entry.id = id;
                entry.bankId = bankId;
                entry.idemKey = key;
                entry.requestHash = fingerprint;
                entry.offerId = offer.id;
                entry.createdAt = now;
                return existing != null ? Uni.createFrom().voidItem() : idempotencyKeys.persist(entry);
            });
        });
    }

    private Uni<Offer> insert(String bankId, OfferRequest request, Instant now) {
        Offer offer = new Offer();
        offer.id = "off-" + UUID.randomUUID();
        offer.bankId = bankId;
        offer.status = Offer.DRAFT;
        offer.createdAt = now;
        OfferRules.apply(offer, request, now);
        return offers.persist(offer);
    }

    @WithTransaction
    public Uni<Offer> update(String bankId, String offerId, OfferRequest request) {
        return own(bankId, offerId).map(offer -> {
            requireStatus(offer, Offer.DRAFT, "edited");
            OfferRules.apply(offer, request, now());
            return offer;
        });
    }

    @WithTransaction
    public Uni<Offer> publish(String bankId, String offerId) {
        return own(bankId, offerId).map(offer -> {
            requireStatus(offer, Offer.DRAFT, "published");
            offer.status = Offer.PUBLISHED;
            offer.updatedAt = now();
            return offer;
        });
    }

    @WithTransaction
    public Uni<Offer> withdraw(String bankId, String offerId) {
        return own(bankId, offerId).map(offer -> {
            String status = offer.statusAt(now());
            if (!Offer.DRAFT.equals(status) && !Offer.PUBLISHED.equals(status)) {
                throw ApiException.conflict(RESOURCE_INVALID_CONSENT_STATUS,
                        "The offer is " + status + " and cannot be withdrawn");
            }
            offer.status = Offer.WITHDRAWN;
            offer.updatedAt = now();
            return offer;
        });
    }

    @WithSession
    public Uni<List<Offer>> list(String bankId) {
        Ids.requireValid(bankId, "BankId");
        return offers.findByBank(bankId);
    }

    @WithSession
    public Uni<Offer> get(String bankId, String offerId) {
        return own(bankId, offerId);
    }

    @WithSession
    public Uni<Stats> stats(String bankId, String offerId) {
        return own(bankId, offerId).chain(offer -> placements.stats(offer.id)).map(c -> {
            boolean suppressed = c[3] < SUPPRESSION_THRESHOLD;
            return new Stats(offerId, c[0], c[1], c[2], suppressed);
        });
    }

    /** Registers or renames a bank (onboarding): the name partners see on placements. */
    @WithTransaction
    public Uni<Bank> registerBank(String bankId, String name) {
        Ids.requireValid(bankId, "BankId");
        if (name == null || name.isBlank() || name.length() > 255 || !Text.isPlain(name, false)) {
            throw ApiException.badRequest(FIELD_INVALID, "Name", "Name must be 1 to 255 printable characters");
        }
        return banks.findById(bankId).chain(existing -> {
            Bank bank = existing != null ? existing : new Bank();
            bank.id = bankId;
            bank.name = name;
            bank.updatedAt = now();
            return existing != null ? Uni.createFrom().item(bank) : banks.persist(bank);
        });
    }

    public String statusOf(Offer offer) {
        return offer.statusAt(now());
    }

    private Uni<Offer> own(String bankId, String offerId) {
        Ids.requireValid(bankId, "BankId");
        Ids.requireValid(offerId, "OfferId");
        return offers.findById(offerId).map(offer -> {
            // Another bank's offer is indistinguishable from one that does not exist.
            if (offer == null || !offer.bankId.equals(bankId)) {
                throw ApiException.notFound("No offer with this id");
            }
            return offer;
        });
    }

    private void requireStatus(Offer offer, String required, String verb) {
        String status = offer.statusAt(now());
        if (!required.equals(status)) {
            throw ApiException.conflict(RESOURCE_INVALID_CONSENT_STATUS, "The offer is " + status + " and cannot be " + verb);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
