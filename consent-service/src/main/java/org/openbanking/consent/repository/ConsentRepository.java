package org.openbanking.consent.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.openbanking.consent.model.Consent;
import org.openbanking.consent.model.ConsentStatus;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ConsentRepository implements PanacheRepositoryBase<Consent, String> {

    /** The consent with a row lock: concurrent transitions of one consent queue here, so exactly one wins each. */
    public Uni<Consent> findForUpdate(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** All of a user's consents, newest first; callers filter by the true status, which stored status can lag. */
    public Uni<List<Consent>> findByUser(String userId) {
        return list("userId", Sort.descending("createdAt").and("id", Sort.Direction.Descending), userId);
    }

    /** Live consents (authorised and not yet past their expiry) of a user with a partner, locked for revocation. */
    public Uni<List<Consent>> findLiveForUpdate(String userId, String partnerId) {
        return find("userId = ?1 and partnerId = ?2 and status = ?3", userId, partnerId, ConsentStatus.Authorised)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** Every authorised consent of a user, locked for revocation (a bank unlinked). */
    public Uni<List<Consent>> findAuthorisedOfUserForUpdate(String userId) {
        return find("userId = ?1 and status = ?2", userId, ConsentStatus.Authorised)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** Every non-final consent of a partner, locked: suspension ends them all. */
    public Uni<List<Consent>> findOpenOfPartnerForUpdate(String partnerId) {
        return find("partnerId = ?1 and status in (?2)", partnerId,
                List.of(ConsentStatus.AwaitingAuthorisation, ConsentStatus.Authorised))
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** Non-final consents whose expiry has passed, a batch at a time, skipping rows another replica is handling. */
    public Uni<List<Consent>> findDueForExpiry(Instant now, int limit) {
        return getSession().chain(session -> session
                .createNativeQuery("select * from consent where status in ('AwaitingAuthorisation', 'Authorised') "
                        + "and expiration_time <= :now order by expiration_time limit :limit for update skip locked",
                        Consent.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList());
    }
}
