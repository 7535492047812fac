package org.openbanking.gateway.downstream;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

public class RelayedMapper {

    @ServerExceptionMapper
    public Response relayed(Relayed relayed) {
        return Relay.of(relayed.response());
    }
}
