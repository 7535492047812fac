package org.openbanking.gateway.edge;

import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.common.ApiException;
import org.openbanking.gateway.config.GatewayConfig;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * A token bucket per partner across all its calls, so that one partner cannot exhaust the platform. Per replica: with
 * n replicas a partner gets at most n times the configured rate (see README).
 */
@ApplicationScoped
public class PartnerRateLimiter {

    private static final class Bucket {

        double tokens;
        long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    GatewayConfig config;
    @Inject
    MeterRegistry registry;

    /** Takes one call from the partner's bucket, or refuses with 429 and the seconds until one is free. */
    public void acquire(String partnerId) {
        // Every partner call passes here: the per-partner metrics (partner ids are clients, never people).
        registry.counter("gateway_partner_requests", "partner", partnerId).increment();
        long now = System.nanoTime();
        int rate = config.rateLimit().perSecond();
        int burst = config.rateLimit().burst();
        Bucket bucket = buckets.computeIfAbsent(partnerId, id -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) / 1e9 * rate);
            bucket.refilledAt = now;
            if (bucket.tokens < 1) {
                registry.counter("gateway_partner_rate_limited", "partner", partnerId).increment();
                long retryAfter = (long) Math.ceil((1 - bucket.tokens) / rate);
                throw ApiException.tooManyRequests(Math.max(1, retryAfter),
                        "Too many calls from this partner; slow down and retry after the given seconds");
            }
            bucket.tokens -= 1;
        }
    }
}
