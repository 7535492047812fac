package org.openbanking.gateway.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.common.ApiException;
import org.openbanking.common.ErrorDetail;
import org.openbanking.gateway.client.ConsentClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Consent enforcement for partner data calls: every call is decided by consent-service before any data is fetched.
 * It fails closed: when consent-service cannot answer (down, slow, breaker open), the caller gets 503 and nothing.
 */
@ApplicationScoped
public class ConsentGuard {

    @Inject
    ConsentClient consents;
    @Inject
    ObjectMapper mapper;

    /** A permit, or a failure carrying the contract's status and code (403, 429, 503). */
    public Uni<Decision> permit(String partnerId, String consentId, String resource, String accountId, boolean userPresent) {
        Map<String, Object> request = new HashMap<>(Map.of("ConsentId", consentId, "Resource", resource,
                "UserPresent", userPresent));
        if (accountId != null) {
            request.put("AccountId", accountId);
        }
        String body;
        try {
            body = mapper.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return consents.read(api -> api.decide(partnerId, body)).map(response -> {
            if (response.getStatus() != 200) {
                throw new Relayed(response);
            }
            Decision decision = response.readEntity(Decision.class);
            if (!decision.permitted()) {
                throw new ApiException(decision.status(), decision.message(),
                        List.of(ErrorDetail.of(decision.errorCode(), null, decision.message())), decision.retryAfterSeconds());
            }
            return decision;
        });
    }
}
