package org.openbanking.gateway.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.common.ApiException;
import org.openbanking.common.InteractionId;
import org.openbanking.gateway.client.ConsentClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Records an access receipt durably before the data is sent. If it cannot be stored, the data is not sent (503). The
 * receipt id is chosen here, so a retried write never stores a receipt twice.
 */
@ApplicationScoped
public class ReceiptRecorder {

    @Inject
    ConsentClient consents;
    @Inject
    ObjectMapper mapper;

    public Uni<Void> record(String consentId, String partnerId, String resource, List<String> accountIds, int recordCount,
            boolean userPresent) {
        String body;
        try {
            body = mapper.writeValueAsString(Map.of("Receipt", List.of(Map.of(
                    "ReceiptId", UUID.randomUUID().toString(),
                    "ConsentId", consentId,
                    "PartnerId", partnerId,
                    "Resource", resource,
                    "AccountIds", accountIds,
                    "RecordCount", recordCount,
                    "InteractionId", InteractionId.of(null),
                    "UserPresent", userPresent))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return consents.write(api -> api.record(body)).map(response -> {
            int status = response.getStatus();
            response.close();
            if (status != 201) {
                throw ApiException.unavailable(5, "The access could not be recorded, so no data was sent. Retry later.");
            }
            return null;
        });
    }
}
