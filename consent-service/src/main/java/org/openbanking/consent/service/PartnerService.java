package org.openbanking.consent.service;

import static org.openbanking.common.ErrorCodes.FIELD_INVALID;
import static org.openbanking.common.ErrorCodes.FIELD_MISSING;
import static org.openbanking.common.ErrorCodes.RESOURCE_INVALID_CONSENT_STATUS;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.common.ApiException;
import org.openbanking.common.Ids;
import org.openbanking.consent.model.Actor;
import org.openbanking.consent.model.Consent;
import org.openbanking.consent.model.ConsentStatus;
import org.openbanking.consent.model.Partner;
import org.openbanking.consent.repository.ConsentRepository;
import org.openbanking.consent.repository.PartnerRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The partners consent-service knows: the display name users see, and suspension. Onboarding registers a partner; a
 * partner that requests a consent before it was registered (e.g. one created directly in Keycloak) is registered then,
 * under its client id as its name.
 */
@ApplicationScoped
public class PartnerService {

    public record Suspension(Partner partner, int endedConsents) {
    }

    @Inject
    PartnerRepository partners;
    @Inject
    ConsentRepository consents;
    @Inject
    ConsentTransitions transitions;

    @WithTransaction
    public Uni<Partner> register(String partnerId, String name) {
        Ids.requireValid(partnerId, "PartnerId");
        if (name == null) {
            throw ApiException.badRequest(FIELD_MISSING, "Name", "Name is required");
        }
        if (name.isBlank() || name.length() > 255 || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest(FIELD_INVALID, "Name", "Name must be 1 to 255 printable characters");
        }
        return partners.findById(partnerId).chain(existing -> {
            Partner partner = existing != null ? existing : newPartner(partnerId, name);
            partner.name = name;
            partner.updatedAt = transitions.now();
            return existing != null ? Uni.createFrom().item(existing) : partners.persist(partner);
        });
    }

    @WithSession
    public Uni<Partner> get(String partnerId) {
        return partners.findById(partnerId).map(PartnerService::existing);
    }

    /** Within the caller's transaction. */
    public Uni<Partner> findOrRegister(String partnerId) {
        return partners.findById(partnerId)
                .chain(p -> p != null ? Uni.createFrom().item(p) : partners.persist(newPartner(partnerId, partnerId)));
    }

    /** Within the caller's transaction: a suspended partner's requests cannot be authorised. */
    public Uni<Void> requireActiveForAuthorisation(String partnerId) {
        return partners.findById(partnerId).invoke(p -> {
            if (p != null && p.isSuspended()) {
                throw ApiException.conflict(RESOURCE_INVALID_CONSENT_STATUS,
                        "This partner is suspended; its requests cannot be authorised");
            }
        }).replaceWithVoid();
    }

    /**
     * Suspends a partner and, in the same transaction, ends every consent it holds that is not final: authorised ones
     * are revoked, pending ones rejected. Reinstating does not bring any of them back.
     */
    @WithTransaction
    public Uni<Suspension> suspend(String partnerId) {
        return partners.findById(partnerId).map(PartnerService::existing).chain(partner -> {
            partner.status = Partner.SUSPENDED;
            partner.updatedAt = transitions.now();
            return consents.findOpenOfPartnerForUpdate(partnerId)
                    .chain(open -> Multi.createFrom().iterable(open)
                            .onItem().transformToUniAndConcatenate(this::endForSuspension)
                            .collect().asList())
                    .map(ended -> new Suspension(partner, ended.size()));
        });
    }

    private Uni<Consent> endForSuspension(Consent consent) {
        return switch (consent.statusAt(transitions.now())) {
            case Authorised -> transitions.apply(consent, ConsentStatus.Revoked, Actor.Operator, null, "PartnerSuspended",
                    "Revoked because the platform suspended the partner");
            case AwaitingAuthorisation -> transitions.apply(consent, ConsentStatus.Rejected, Actor.Operator, null,
                    "PartnerSuspended", "Rejected because the platform suspended the partner");
            default -> ConsentExpiry.expire(transitions, consent);
        };
    }

    @WithTransaction
    public Uni<Partner> reinstate(String partnerId) {
        return partners.findById(partnerId).map(PartnerService::existing).invoke(partner -> {
            partner.status = Partner.ACTIVE;
            partner.updatedAt = transitions.now();
        });
    }

    private Partner newPartner(String id, String name) {
        Partner partner = new Partner();
        partner.id = id;
        partner.name = name;
        partner.status = Partner.ACTIVE;
        partner.updatedAt = transitions.now();
        return partner;
    }

    private static Partner existing(Partner partner) {
        if (partner == null) {
            throw ApiException.notFound("No partner with this id");
        }
        return partner;
    }
}
