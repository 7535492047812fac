package org.openbanking.bench.platform;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Tokens live 5 minutes in the dev realm: each is fetched again when it is older than two, so no run meets an expiry. */
public final class Tokens {

    private static final long REFRESH_NANOS = 120_000_000_000L;

    private record Entry(String token, long fetchedAt) {
    }

    private final Api api;
    private final Map<String, Entry> cache = new HashMap<>();

    public Tokens(Api api) {
        this.api = api;
    }

    public synchronized String client(String clientId, String secret) {
        return cached("client:" + clientId, () -> api.clientToken(clientId, secret));
    }

    public String partner(Fixtures.Partner partner) {
        return client(partner.clientId(), partner.secret());
    }

    public synchronized String user(String username) {
        return cached("user:" + username, () -> api.userToken(username));
    }

    private String cached(String key, Supplier<String> fetch) {
        Entry entry = cache.get(key);
        if (entry == null || System.nanoTime() - entry.fetchedAt() > REFRESH_NANOS) {
            entry = new Entry(fetch.get(), System.nanoTime());
            cache.put(key, entry);
        }
        return entry.token();
    }
}
