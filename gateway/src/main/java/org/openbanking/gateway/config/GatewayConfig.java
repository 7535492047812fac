package org.openbanking.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    RateLimit rateLimit();

    Onboarding onboarding();

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
