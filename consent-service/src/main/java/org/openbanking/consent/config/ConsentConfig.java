package org.openbanking.consent.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "consent")
public interface ConsentConfig {

    /** Where the gateway is reached from outside: links in responses point there, never at this service. */
    @WithDefault("http://localhost:8080")
    String publicBaseUrl();

    /** How long an {@code x-idempotency-key} replays its first result. */
    @WithDefault("PT24H")
    Duration idempotencyWindow();

    /** The expiry job. */
    Expiry expiry();

    interface Expiry {

        /** How often it runs ({@code off} disables it: tests run it by hand). */
        @WithDefault("30s")
        String every();

        /** How many due consents one run ends. */
        @WithDefault("500")
        int batchSize();
    }

    /** Receipts per page of a user's access log. */
    @WithDefault("50")
    int accessLogPageSize();

    /** How often each replica proves its event stream alive, end to end through PostgreSQL. */
    @WithDefault("PT1S")
    Duration heartbeatInterval();
}
