package org.openbanking.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    RateLimit rateLimit();

    Onboarding onboarding();

    DecisionCache decisionCache();

    Dashboard dashboard();

    interface Dashboard {

        /**
         * Keys the dashboard's CSRF tokens (and, through application.properties, the OIDC state and session cookies).
         * At least 32 characters; the same on every replica; from a Secret when deployed.
         */
        String secret();

        /** Cookies only over HTTPS: true everywhere but a local run on http://localhost. */
        @WithDefault("true")
        boolean secureCookies();
    }

    interface DecisionCache {

        /** Permits are cached only while consent-service's event stream is alive. */
        @WithDefault("true")
        boolean enabled();

        /** The longest a permit is used, even with the stream alive. */
        @WithDefault("PT60S")
        Duration ttl();

        /** Without a heartbeat for this long, the stream is not trusted and nothing is served from the cache. */
        @WithDefault("PT3S")
        Duration staleAfter();

        /** The most permits kept; the least used go first. */
        @WithDefault("10000")
        long maxEntries();
    }

    interface Onboarding {

        /** Dev realm only: partners may register http://localhost redirect URIs. */
        @WithDefault("false")
        boolean allowLocalhostRedirects();
    }

    /** Bodies above this are refused with 413 before they are read. */
    @WithDefault("65536")
    int maxBodyBytes();

    interface RateLimit {

        /** Sustained calls per second that one partner may make on one gateway replica. */
        @WithDefault("50")
        int perSecond();

        /** How many calls above the sustained rate a partner may burst. */
        @WithDefault("100")
        int burst();
    }
}
