package org.openbanking.gateway.edge;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.openbanking.common.ErrorDetail;
import org.openbanking.common.ErrorEnvelope;
import org.openbanking.common.InteractionId;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.RoutingContext;

/** A refusal answered by a route handler, before JAX-RS and its exception mappers: still the contract's envelope. */
@Singleton
public class EdgeRefusal {

    @Inject
    ObjectMapper mapper;

    void send(RoutingContext rc, int status, String reason, String errorCode, String path, String message,
            Map<String, String> headers) {
        try {
            String json = mapper.writeValueAsString(new ErrorEnvelope(reason, InteractionId.of(rc), message,
                    List.of(ErrorDetail.of(errorCode, path, message))));
            var response = rc.response().setStatusCode(status).putHeader("Content-Type", "application/json");
            headers.forEach(response::putHeader);
            response.end(json);
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }
}
