package org.openbanking.gateway.downstream;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A service's answer, relayed to the caller: status, JSON body and Retry-After; nothing internal. */
public final class Relay {

    private Relay() {
    }

    public static Response of(Response downstream) {
        int status = downstream.getStatus();
        String retryAfter = downstream.getHeaderString(HttpHeaders.RETRY_AFTER);
        String body = downstream.hasEntity() ? downstream.readEntity(String.class) : null;
        Response.ResponseBuilder builder = Response.status(status);
        if (body != null && !body.isEmpty()) {
            builder.entity(body).type(MediaType.APPLICATION_JSON_TYPE);
        }
        if (retryAfter != null) {
            builder.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return builder.build();
    }

    public static Response json(int status, String body) {
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
