package org.openbanking.accounts.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.openbanking.accounts.model.BankLink;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class BankLinkRepository implements PanacheRepositoryBase<BankLink, String> {

    /** The user's live links (pending or linked), one per bank at most. */
    public Uni<List<BankLink>> liveOf(String userId) {
        return list("userId = ?1 and status in ('Pending', 'Linked')", Sort.ascending("bankId"), userId);
    }

    public Uni<BankLink> liveOf(String userId, String bankId) {
        return find("userId = ?1 and bankId = ?2 and status in ('Pending', 'Linked')", userId, bankId).firstResult();
    }

    /** Whether the user ever linked (or asked to link) this bank. */
    public Uni<Boolean> everLinked(String userId, String bankId) {
        return count("userId = ?1 and bankId = ?2", userId, bankId).map(n -> n > 0);
    }

    public Uni<BankLink> findByCodeHash(String codeHash) {
        return find("codeHash", codeHash).firstResult();
    }
}
