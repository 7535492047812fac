package org.openbanking.gateway.rest;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.openbanking.common.ErrorCodes;
import org.openbanking.common.ErrorDetail;
import org.openbanking.common.ErrorEnvelope;
import org.openbanking.common.InteractionId;
import org.openbanking.gateway.config.GatewayConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.Router;

/**
 * Bodies over 64 KiB are refused with 413 in the contract's envelope before a byte of them is read. (Vert.x's own
 * limit, set to the same size, stops chunked bodies that do not announce their length.)
 */
@Singleton
public class BodyLimit {

    @Inject
    GatewayConfig config;
    @Inject
    ObjectMapper mapper;

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(rc -> {
            String length = rc.request().getHeader("Content-Length");
            long declared;
            try {
                declared = length == null ? -1 : Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = Long.MAX_VALUE;
            }
            if (declared > config.maxBodyBytes()) {
                String message = "The body is larger than 64 KiB";
                String id = InteractionId.of(rc);
                try {
                    String json = mapper.writeValueAsString(new ErrorEnvelope("Request Entity Too Large", id, message,
                            List.of(ErrorDetail.of(ErrorCodes.FIELD_INVALID, null, message))));
                    rc.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                            .putHeader("Connection", "close").end(json);
                } catch (JsonProcessingException e) {
                    rc.fail(e);
                }
                return;
            }
            rc.next();
        });
    }
}
