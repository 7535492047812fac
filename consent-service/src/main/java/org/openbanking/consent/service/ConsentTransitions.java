package org.openbanking.consent.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.consent.model.Actor;
import org.openbanking.consent.model.Consent;
import org.openbanking.consent.model.ConsentHistory;
import org.openbanking.consent.model.ConsentStatus;
import org.openbanking.consent.repository.ConsentHistoryRepository;

import io.smallrye.mutiny.Uni;

/**
 * The one place where a consent changes status. Callers hold the consent's row lock and have checked that the
 * transition is allowed; this records the history entry and publishes the event, all in the caller's transaction.
 */
@ApplicationScoped
public class ConsentTransitions {

    @Inject
    ConsentHistoryRepository history;
    @Inject
    ConsentEvents events;
    @Inject
    Clock clock;

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public Uni<Consent> apply(Consent consent, ConsentStatus to, Actor actor, String actorId, String reasonCode,
            String reason) {
        Instant now = now();
        ConsentStatus from = consent.status;
        consent.status = to;
        consent.statusReasonCode = reasonCode;
        consent.statusReason = reason;
        consent.statusUpdatedAt = now;
        return record(consent.id, from, to, actor, actorId, reason, now)
                .chain(() -> events.publishInTransaction(consent.id, to))
                .replaceWith(consent);
    }

    public Uni<Void> record(String consentId, ConsentStatus from, ConsentStatus to, Actor actor, String actorId,
            String reason, Instant at) {
        ConsentHistory entry = new ConsentHistory();
        entry.consentId = consentId;
        entry.fromStatus = from;
        entry.toStatus = to;
        entry.actor = actor;
        entry.actorId = actorId;
        entry.reason = reason;
        entry.occurredAt = at;
        return history.persist(entry).replaceWithVoid();
    }
}
