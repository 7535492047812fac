package org.openbanking.accounts.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.openbanking.accounts.model.Account;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, String> {

    public Uni<List<Account>> findByUser(String userId) {
        return list("userId = ?1 and linked = true", Sort.ascending("bankId", "nickname", "id"), userId);
    }

    /** Every account of the user at this bank, linked or not (unlinking, and consents covering them). */
    public Uni<List<Account>> findByUserAtBank(String userId, String bankId) {
        return list("userId = ?1 and bankId = ?2", Sort.ascending("id"), userId, bankId);
    }

    public Uni<Account> findByBankAccount(String bankId, String bankAccountId) {
        return find("bankId = ?1 and bankAccountId = ?2", bankId, bankAccountId).firstResult();
    }
}
