package org.openbanking.gateway.edge;

import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.openbanking.common.ErrorCodes;
import org.openbanking.gateway.config.GatewayConfig;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The edge's size limits, answered in the contract's envelope rather than as the framework's bare statuses:
 * <ul>
 * <li>bodies over 64 KiB → 413, before a byte of them is read when they announce their length, and once the limit is
 * reached when they come in chunks without one (the framework's own limit stays as a backstop);</li>
 * <li>a request target over 4 KiB → 414, and header fields over 20 KiB in all → 431. The HTTP server's own limits
 * are set at twice these (application.properties), so that these checks see such requests first; beyond them, or for
 * a request that is not HTTP at all, the server answers bare before any route runs.</li>
 * </ul>
 */
@Singleton
public class RequestLimits {

    static final int MAX_TARGET_CHARS = 4096;
    static final int MAX_HEADER_BYTES = 20 * 1024;
    private static final Map<String, String> CLOSE = Map.of("Connection", "close");

    @Inject
    GatewayConfig config;
    @Inject
    EdgeRefusal refusal;

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(rc -> {
            if (rc.request().uri().length() > MAX_TARGET_CHARS) {
                refusal.send(rc, 414, "URI Too Long", ErrorCodes.FIELD_INVALID, null,
                        "The request's path and query are longer than 4 KiB", CLOSE);
                return;
            }
            if (headerBytes(rc) > MAX_HEADER_BYTES) {
                refusal.send(rc, 431, "Request Header Fields Too Large", ErrorCodes.HEADER_INVALID, null,
                        "The request's header fields are larger than 20 KiB", CLOSE);
                return;
            }
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

    private static long headerBytes(RoutingContext rc) {
        long bytes = 0;
        for (var header : rc.request().headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4; // ": " and CRLF
        }
        return bytes;
    }

    private void tooLarge(RoutingContext rc) {
        refusal.send(rc, 413, "Request Entity Too Large", ErrorCodes.FIELD_INVALID, null, "The body is larger than 64 KiB",
                CLOSE);
    }
}
