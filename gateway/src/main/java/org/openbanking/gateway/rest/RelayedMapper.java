package org.openbanking.gateway.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.openbanking.gateway.service.Relay;
import org.openbanking.gateway.service.Relayed;

public class RelayedMapper {

    @ServerExceptionMapper
    public Response relayed(Relayed relayed) {
        return Relay.of(relayed.response());
    }
}
