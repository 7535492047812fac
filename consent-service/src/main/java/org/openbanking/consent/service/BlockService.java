package org.openbanking.consent.service;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.common.ApiException;
import org.openbanking.common.ErrorCodes;
import org.openbanking.common.Ids;
import org.openbanking.consent.model.Actor;
import org.openbanking.consent.model.ConsentStatus;
import org.openbanking.consent.model.Partner;
import org.openbanking.consent.model.UserBlock;
import org.openbanking.consent.repository.ConsentRepository;
import org.openbanking.consent.repository.PartnerRepository;
import org.openbanking.consent.repository.UserBlockRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** A user's "never share with this partner": revokes what is live and stops future authorisation. */
@ApplicationScoped
public class BlockService {

    public record Blocked(UserBlock block, String partnerName) {
    }

    @Inject
    UserBlockRepository blocks;
    @Inject
    PartnerRepository partners;
    @Inject
    ConsentRepository consents;
    @Inject
    ConsentTransitions transitions;

    @WithSession
    public Uni<List<Blocked>> list(String userId) {
        Ids.requireValid(userId, "UserId");
        return blocks.findByUser(userId).chain(list -> {
            List<String> ids = list.stream().map(b -> b.partnerId).toList();
            Uni<List<Partner>> named = ids.isEmpty() ? Uni.createFrom().item(List.of()) : partners.list("id in ?1", ids);
            return named.map(found -> {
                Map<String, String> names = found.stream().collect(Collectors.toMap(p -> p.id, p -> p.name));
                return list.stream().map(b -> new Blocked(b, names.getOrDefault(b.partnerId, b.partnerId))).toList();
            });
        });
    }

    /**
     * Blocks a partner and, in the same transaction, revokes the user's live consents with it. Ordered with the user's
     * authorisations of the partner's requests ({@link UserBlockRepository#lockPair}): one in flight commits first and
     * is revoked here, a later one sees the block.
     */
    @WithTransaction
    public Uni<Integer> block(String userId, String partnerId) {
        Ids.requireValid(userId, "UserId");
        Ids.requireValid(partnerId, "PartnerId");
        return blocks.lockPair(userId, partnerId).chain(() -> partners.findById(partnerId)).chain(partner -> {
            if (partner == null) {
                throw ApiException.notFound("No partner with this id");
            }
            return blocks.findById(new UserBlock.Key(userId, partnerId));
        }).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            UserBlock block = new UserBlock();
            block.userId = userId;
            block.partnerId = partnerId;
            block.createdAt = transitions.now();
            return blocks.persist(block).replaceWithVoid();
        }).chain(() -> consents.findLiveForUpdate(userId, partnerId))
                .chain(live -> Multi.createFrom().iterable(live)
                        .filter(c -> c.statusAt(transitions.now()) == ConsentStatus.Authorised)
                        .onItem().transformToUniAndConcatenate(c -> transitions.apply(c, ConsentStatus.Revoked,
                                Actor.User, userId, "PartnerBlockedByUser", "Revoked because the user blocked the partner"))
                        .collect().asList().map(List::size));
    }

    /**
     * The user unlinked a bank: every live consent of the user that covers one of that bank's accounts is revoked, in
     * one transaction. Idempotent: a repeated call finds nothing left to revoke.
     */
    @WithTransaction
    public Uni<List<String>> revokeCovering(String userId, List<String> accountIds) {
        Ids.requireValid(userId, "UserId");
        if (accountIds == null || accountIds.size() > 1000 || !accountIds.stream().allMatch(Ids::isValid)) {
            throw ApiException.badRequest(ErrorCodes.FIELD_INVALID, "AccountIds", "AccountIds must list at most 1000 ids");
        }
        Set<String> unlinked = Set.copyOf(accountIds);
        return consents.findAuthorisedOfUserForUpdate(userId)
                .chain(live -> Multi.createFrom().iterable(live)
                        .filter(c -> c.statusAt(transitions.now()) == ConsentStatus.Authorised
                                && c.accountIds.stream().anyMatch(unlinked::contains))
                        .onItem().transformToUniAndConcatenate(c -> transitions.apply(c, ConsentStatus.Revoked,
                                Actor.User, userId, "BankUnlinkedByUser",
                                "Revoked because the user unlinked the bank that holds its accounts"))
                        .map(c -> c.id)
                        .collect().asList());
    }

    @WithTransaction
    public Uni<Boolean> unblock(String userId, String partnerId) {
        Ids.requireValid(userId, "UserId");
        Ids.requireValid(partnerId, "PartnerId");
        return blocks.delete("userId = ?1 and partnerId = ?2", userId, partnerId).map(n -> n > 0);
    }

}
