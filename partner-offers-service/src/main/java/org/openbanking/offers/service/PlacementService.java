package org.openbanking.offers.service;

import static org.openbanking.common.ErrorCodes.FIELD_INVALID;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.common.ApiException;
import org.openbanking.common.Failures;
import org.openbanking.common.Ids;
import org.openbanking.offers.client.AccountsClient;
import org.openbanking.offers.model.Bank;
import org.openbanking.offers.model.Offer;
import org.openbanking.offers.model.Placement;
import org.openbanking.offers.repository.BankRepository;
import org.openbanking.offers.repository.OfferRepository;
import org.openbanking.offers.repository.PlacementRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Placements: the user's facts are fetched from accounts-service and matched against live offers here, inside the
 * platform. The partner receives offers and opaque placement ids; the facts and the reasons for a match stay here.
 */
@ApplicationScoped
public class PlacementService {

    /** A matched offer, its placement for this consent, and the consented account whose own facts matched. */
    public record Placed(Placement placement, Offer offer, String bankName, String accountId) {
    }

    @Inject
    AccountsClient accounts;
    @Inject
    OfferRepository offers;
    @Inject
    PlacementRepository placements;
    @Inject
    BankRepository banks;
    @Inject
    Clock clock;

    /**
     * The offers placed for one consent. The gateway has already decided that the consent is authorised, has
     * ReadOffers and the purpose OfferPlacement, and passes the accounts it covers: facts are computed over those
     * accounts only. One placement per offer and consent: asking again returns the same ids.
     */
    public Uni<List<Placed>> place(String partnerId, String consentId, String userId, List<String> accountIds) {
        Ids.requireValid(partnerId, "PartnerId");
        Ids.requireValid(consentId, "consentId");
        Ids.requireValid(userId, "userId");
        if (accountIds.isEmpty() || accountIds.size() > 100 || !accountIds.stream().allMatch(Ids::isValid)) {
            throw ApiException.badRequest(FIELD_INVALID, "accountIds", "accountIds must list the consent's accounts");
        }
        return accounts.factsOf(userId, accountIds).chain(facts -> facts.isEmpty()
                ? Uni.createFrom().item(List.<Placed>of())
                : Panache.withTransaction(() -> placeOnce(partnerId, consentId, userId, ofConsent(facts.get(), accountIds)))
                        // Two first requests for one consent race on (offer, consent): the loser finds the winner's.
                        .onFailure(Failures::isUniqueViolation)
                        .recoverWithUni(() -> Panache.withTransaction(
                                () -> placeOnce(partnerId, consentId, userId, ofConsent(facts.get(), accountIds)))));
    }

    /** The facts of the consent's accounts, in the consent's order; whatever else an answer holds counts for nothing. */
    static List<AccountsClient.Facts> ofConsent(List<AccountsClient.Facts> facts, List<String> accountIds) {
        Map<String, AccountsClient.Facts> byAccount = new HashMap<>();
        facts.forEach(f -> byAccount.putIfAbsent(f.accountId(), f));
        return accountIds.stream().map(byAccount::get).filter(Objects::nonNull).toList();
    }

    private Uni<List<Placed>> placeOnce(String partnerId, String consentId, String userId,
            List<AccountsClient.Facts> facts) {
        Instant now = now();
        return offers.findLive(now).chain(live -> {
            // Each offer once per consent, for the first consented account whose own facts match.
            Map<Offer, String> matched = new LinkedHashMap<>();
            for (Offer offer : live) {
                facts.stream().filter(f -> Matching.matches(offer, f)).findFirst()
                        .ifPresent(f -> matched.put(offer, f.accountId()));
            }
            if (matched.isEmpty()) {
                return Uni.createFrom().item(List.<Placed>of());
            }
            List<String> bankIds = matched.keySet().stream().map(o -> o.bankId).distinct().toList();
            return banks.list("id in ?1", bankIds)
                    .map(found -> found.stream().collect(Collectors.toMap(b -> b.id, (Bank b) -> b.name)))
                    .chain(names -> Multi.createFrom().iterable(matched.entrySet())
                            .onItem()
                            .transformToUniAndConcatenate(m -> placementFor(m.getKey(), partnerId, consentId, userId, now)
                                    .map(p -> new Placed(p, m.getKey(),
                                            names.getOrDefault(m.getKey().bankId, m.getKey().bankId),
                                            m.getValue())))
                            .collect().asList());
        });
    }

    private Uni<Placement> placementFor(Offer offer, String partnerId, String consentId, String userId, Instant now) {
        return placements.findByOfferAndConsent(offer.id, consentId).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            Placement placement = new Placement();
            placement.id = "plc-" + UUID.randomUUID();
            placement.offerId = offer.id;
            placement.partnerId = partnerId;
            placement.consentId = consentId;
            placement.userId = userId;
            placement.createdAt = now;
            return placements.persist(placement);
        });
    }

    /** {@code Shown} or {@code Clicked}, idempotent; only the partner that got the placement. A click implies shown. */
    @WithTransaction
    public Uni<Void> event(String partnerId, String placementId, String type) {
        Ids.requireValid(partnerId, "PartnerId");
        Ids.requireValid(placementId, "PlacementId");
        if (!"Shown".equals(type) && !"Clicked".equals(type)) {
            throw ApiException.badRequest(FIELD_INVALID, "Type", "Type must be Shown or Clicked");
        }
        return placements.findById(placementId).invoke(placement -> {
            if (placement == null || !placement.partnerId.equals(partnerId)) {
                throw ApiException.notFound("No placement with this id");
            }
            Instant now = now();
            if (placement.shownAt == null) {
                placement.shownAt = now;
            }
            if ("Clicked".equals(type) && placement.clickedAt == null) {
                placement.clickedAt = now;
            }
        }).replaceWithVoid();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
