package org.openbanking.consent.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.openbanking.consent.model.AccessReceipt;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AccessReceiptRepository implements PanacheRepositoryBase<AccessReceipt, UUID> {

    /** Where a page of the access log starts: strictly after (older than) this receipt. */
    public record Cursor(Instant occurredAt, UUID id) {
    }

    /**
     * A page of a user's receipts, newest first. Keyset pagination on (time, id): the position is stable when new
     * receipts arrive while the user pages.
     */
    public Uni<List<AccessReceipt>> pageForUser(String userId, String consentId, String partnerId, Instant from,
            Instant to, Cursor after, int limit) {
        StringBuilder query = new StringBuilder("userId = :user");
        Parameters params = Parameters.with("user", userId);
        if (consentId != null) {
            query.append(" and consentId = :consent");
            params.and("consent", consentId);
        }
        if (partnerId != null) {
            query.append(" and partnerId = :partner");
            params.and("partner", partnerId);
        }
        if (from != null) {
            query.append(" and occurredAt >= :from");
            params.and("from", from);
        }
        if (to != null) {
            query.append(" and occurredAt <= :to");
            params.and("to", to);
        }
        if (after != null) {
            query.append(" and (occurredAt < :afterTime or (occurredAt = :afterTime and id < :afterId))");
            params.and("afterTime", after.occurredAt()).and("afterId", after.id());
        }
        query.append(" order by occurredAt desc, id desc");
        return find(query.toString(), params).page(0, limit).list();
    }

    /** How often each of the user's consents was used, and when last: one row per consent with receipts. */
    public Uni<List<AccessCount>> countsForUser(String userId) {
        return getSession().chain(session -> session.createSelectionQuery(
                "select consentId, count(*), max(occurredAt) from AccessReceipt where userId = :user group by consentId",
                Object[].class).setParameter("user", userId).getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new AccessCount((String) row[0], ((Number) row[1]).longValue(), (Instant) row[2]))
                        .toList());
    }

    public record AccessCount(String consentId, long accesses, Instant lastAccess) {
    }

}
