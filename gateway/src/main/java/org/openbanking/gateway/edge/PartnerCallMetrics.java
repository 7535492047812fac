package org.openbanking.gateway.edge;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * RED per partner and route: every answer to a partner's call on the partner API ({@link PartnerRateLimited}), refusals
 * included (403, 429, 503), is timed as {@code gateway_partner_calls} tagged with the partner (its client id, set by
 * {@link PartnerRateLimitFilter}), the route template, the method and the status. Bounded: partners are clients, routes
 * are the resources' templates, never a consent, account or user id.
 */
@Provider
@PartnerRateLimited
@Priority(Priorities.AUTHENTICATION)
public class PartnerCallMetrics implements ContainerRequestFilter, ContainerResponseFilter {

    /** The request property naming the partner, set once the caller is known to be one. */
    static final String PARTNER = PartnerCallMetrics.class.getName() + ".partner";
    private static final String STARTED = PartnerCallMetrics.class.getName() + ".started";
    private static final ConcurrentHashMap<Method, String> ROUTES = new ConcurrentHashMap<>();

    @Inject
    MeterRegistry registry;
    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object partner = request.getProperty(PARTNER);
        Object started = request.getProperty(STARTED);
        if (partner == null || started == null || resource.getResourceMethod() == null) {
            return; // not a partner's call (refused before the partner was known): Quarkus' HTTP metrics count it
        }
        Timer.builder("gateway_partner_calls")
                .description("Partner API calls by partner, route template, method and status")
                .tag("partner", partner.toString())
                .tag("route", ROUTES.computeIfAbsent(resource.getResourceMethod(), m -> route(resource)))
                .tag("method", request.getMethod())
                .tag("status", Integer.toString(response.getStatus()))
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - (long) started));
    }

    /** The route template: the resource class's {@code @Path} and the method's. */
    static String route(ResourceInfo resource) {
        Path type = resource.getResourceClass().getAnnotation(Path.class);
        Path method = resource.getResourceMethod().getAnnotation(Path.class);
        String template = (type == null ? "" : "/" + type.value()) + (method == null ? "" : "/" + method.value());
        template = template.replaceAll("/{2,}", "/");
        return template.length() > 1 && template.endsWith("/") ? template.substring(0, template.length() - 1) : template;
    }
}
