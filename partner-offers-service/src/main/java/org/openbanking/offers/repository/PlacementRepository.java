package org.openbanking.offers.repository;

import jakarta.enterprise.context.ApplicationScoped;

import org.openbanking.offers.model.Placement;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PlacementRepository implements PanacheRepositoryBase<Placement, String> {

    public Uni<Placement> findByOfferAndConsent(String offerId, String consentId) {
        return find("offerId = ?1 and consentId = ?2", offerId, consentId).firstResult();
    }

    /** Counts for one offer: placements, shown, clicked, distinct users. */
    public Uni<long[]> stats(String offerId) {
        return getSession().chain(s -> s.createSelectionQuery("select count(p), count(p.shownAt), count(p.clickedAt),"
                + " count(distinct p.userId) from Placement p where p.offerId = :offer", Object[].class)
                .setParameter("offer", offerId).getSingleResult())
                .map(row -> new long[]{(Long) row[0], (Long) row[1], (Long) row[2], (Long) row[3]});
    }
}
