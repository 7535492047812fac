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

    public Uni<Boolean> isBlocked(String userId, String partnerId) {
        return count("userId = ?1 and partnerId = ?2", userId, partnerId).map(n -> n > 0);
    }
}
