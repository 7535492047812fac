package org.openbanking.accounts.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "accounts")
public interface AccountsConfig {

    /** Where the gateway is reached from outside: links in responses point there. */
    @WithDefault("http://localhost:8080")
    String publicBaseUrl();

    /** Transactions per page (the contract's maximum is 100). */
    @WithDefault("100")
    int pageSize();
}
