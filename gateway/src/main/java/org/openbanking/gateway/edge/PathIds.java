package org.openbanking.gateway.edge;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.openbanking.common.Ids;

/**
 * Every id in an API path is checked at the edge, before it goes into a service's URL: the REST client leaves a
 * {@code ;} unencoded in a path segment, so {@code 1; SELECT ...} reached consent-service as the id {@code 1} with a
 * matrix parameter (found by the fuzz test: an unblock of partner "1"). A malformed id is the services' own answer, a
 * 400 naming it. The dashboard's pages check their ids themselves and answer in HTML.
 */
public class PathIds {

    @ServerRequestFilter
    public void requireWellFormed(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/dashboard") || path.startsWith("dashboard")) {
            return;
        }
        request.getUriInfo().getPathParameters(true).forEach((name, values) -> {
            for (String value : values) {
                Ids.requireValid(value, Character.toUpperCase(name.charAt(0)) + name.substring(1));
            }
        });
    }
}
