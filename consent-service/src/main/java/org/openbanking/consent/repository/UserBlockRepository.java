package org.openbanking.consent.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.openbanking.consent.model.UserBlock;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class UserBlockRepository implements PanacheRepositoryBase<UserBlock, UserBlock.Key> {

    public Uni<List<UserBlock>> findByUser(String userId) {
        return list("userId", Sort.ascending("partnerId"), userId);
    }

    /**
     * Orders a user's authorisations of a partner's requests with that user's block of the partner, until the caller's
     * transaction ends: a transaction-scoped advisory lock on the pair, so nothing else waits. A request awaiting
     * authorisation is bound to no user yet, so a block cannot find and lock it; this lock makes the block either see
     * the authorisation committed (and revoke it), or be seen by it (409).
     */
    public Uni<Void> lockPair(String userId, String partnerId) {
        return getSession().chain(session -> session
                .createNativeQuery("select 1 from pg_advisory_xact_lock(hashtextextended(:pair, 0))", Integer.class)
                .setParameter("pair", userId + "/" + partnerId)
                .getSingleResult())
                .replaceWithVoid();
    }

    public Uni<Boolean> isBlocked(String userId, String partnerId) {
        return count("userId = ?1 and partnerId = ?2", userId, partnerId).map(n -> n > 0);
    }
}
