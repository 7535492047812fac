package org.openbanking.gateway.downstream;

import jakarta.ws.rs.core.Response;

/** A service's answer that ends the gateway's flow (a 4xx, or the fail-closed 503): relayed to the caller as it is. */
public class Relayed extends RuntimeException {

    private final transient Response response;

    public Relayed(Response response) {
        super(null, null, false, false);
        this.response = response;
    }

    public Response response() {
        return response;
    }
}
