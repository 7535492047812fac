package org.openbanking.consent.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.openbanking.consent.repository.FrequencyReservationRepository;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Makes expiry durable on a schedule. Replicas may run it together: rows are taken with {@code skip locked}. */
@ApplicationScoped
public class ExpiryJob {

    private static final Logger LOG = Logger.getLogger(ExpiryJob.class);

    @Inject
    ConsentExpiry expiry;
    @Inject
    FrequencyReservationRepository reservations;
    @Inject
    Clock clock;

    @Scheduled(every = "${consent.expiry.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return expiry.expireDue()
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("Expired %d consents", n);
                    }
                })
                .onFailure().invoke(e -> LOG.warn("Expiry run failed; the next run retries", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Reservations of past days can no longer be given back: only today's are kept (yesterday's for late calls). */
    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pruneReservations() {
        return reservations.pruneBefore(AccessRule.dayOf(clock.instant()).minusDays(1))
                .onFailure().invoke(e -> LOG.warn("Pruning FrequencyPerDay reservations failed; the next run retries", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
