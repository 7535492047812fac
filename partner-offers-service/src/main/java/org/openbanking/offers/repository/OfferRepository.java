package org.openbanking.offers.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.openbanking.offers.model.Offer;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class OfferRepository implements PanacheRepositoryBase<Offer, String> {

    public Uni<List<Offer>> findByBank(String bankId) {
        return list("bankId", Sort.ascending("createdAt", "id"), bankId);
    }

    public Uni<List<Offer>> findLive(Instant now) {
        return list("status = ?1 and startTime <= ?2 and endTime > ?2", Sort.ascending("endTime", "id"), Offer.PUBLISHED, now);
    }
}
