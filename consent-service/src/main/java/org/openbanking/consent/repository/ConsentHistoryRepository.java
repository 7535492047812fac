package org.openbanking.consent.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.openbanking.consent.model.ConsentHistory;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ConsentHistoryRepository implements PanacheRepositoryBase<ConsentHistory, Long> {

    public Uni<List<ConsentHistory>> findByConsent(String consentId) {
        return list("consentId", Sort.ascending("id"), consentId);
    }
}
