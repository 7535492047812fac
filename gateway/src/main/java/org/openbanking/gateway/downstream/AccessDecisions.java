package org.openbanking.gateway.downstream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;

/** consent-service's access decisions, typed: the hop's fault tolerance is {@link ConsentClient#read}'s. */
@ApplicationScoped
public class AccessDecisions {

    @Inject
    ConsentClient consents;

    /**
     * The decision (a permit or a denial, both 200). A refusal of the request itself fails with the service's error,
     * and a hop that cannot answer with {@link Downstream.Unavailable}.
     */
    public Uni<Decision> decide(String partnerId, DecisionRequest request) {
        return consents.read(api -> api.decide(partnerId, request)).map(Downstream.answer(Decision.class));
    }
}
