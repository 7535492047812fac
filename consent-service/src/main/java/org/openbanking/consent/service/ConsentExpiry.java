package org.openbanking.consent.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.consent.config.ConsentConfig;
import org.openbanking.consent.model.Actor;
import org.openbanking.consent.model.Consent;
import org.openbanking.consent.model.ConsentStatus;
import org.openbanking.consent.repository.ConsentRepository;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The transition that time makes: a consent past its expiry becomes {@code Expired}. */
@ApplicationScoped
public class ConsentExpiry {

    @Inject
    ConsentRepository consents;
    @Inject
    ConsentTransitions transitions;
    @Inject
    ConsentConfig config;

    /** Persists {@code Expired} for consents whose expiry has passed. Reads already report it; this makes it durable. */
    @WithTransaction
    public Uni<Integer> expireDue() {
        return consents.findDueForExpiry(transitions.now(), config.expiry().batchSize())
                .chain(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(c -> expire(transitions, c))
                        .collect().asList()
                        .map(List::size));
    }

    static Uni<Consent> expire(ConsentTransitions transitions, Consent consent) {
        return transitions.apply(consent, ConsentStatus.Expired, Actor.System, null, "Expired",
                "The consent reached its expiry date");
    }
}
