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
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Bodies over 64 KiB are refused with 413 in the contract's envelope: before a byte of them is read when they announce
 * their length, and once the limit is reached when they come in chunks without one (read here, so that the refusal is
 * the envelope too rather than the bare 413 of the framework's own limit, which stays as a backstop).
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
                tooLarge(rc);
                return;
            }
            String encoding = rc.request().getHeader("Transfer-Encoding");
            if (length == null && encoding != null && encoding.toLowerCase().contains("chunked")) {
                BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()).handle(rc); // fails with 413 past the limit
                return;
            }
            rc.next();
        });
        router.route().order(Integer.MIN_VALUE + 1).failureHandler(rc -> {
            if (rc.statusCode() == 413 && !rc.response().headWritten()) {
                tooLarge(rc);
            } else {
                rc.next();
            }
        });
    }

    private void tooLarge(io.vertx.ext.web.RoutingContext rc) {
        String message = "The body is larger than 64 KiB";
        String id = InteractionId.of(rc);
        try {
            String json = mapper.writeValueAsString(new ErrorEnvelope("Request Entity Too Large", id, message,
                    List.of(ErrorDetail.of(ErrorCodes.FIELD_INVALID, null, message))));
            rc.response().setStatusCode(413).putHeader("Content-Type", "application/json").putHeader("Connection", "close")
                    .end(json);
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }
}
