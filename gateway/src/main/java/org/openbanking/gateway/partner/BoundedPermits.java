package org.openbanking.gateway.partner;

import java.time.Duration;
import java.util.Optional;

import org.openbanking.gateway.downstream.Decision;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The decision cache's storage, bounded in size and time: a permit is kept at most {@code ttl} after it was fetched,
 * and at most {@code maxEntries} permits are kept (the least used go first), so neither many consents nor a long
 * uptime can grow the gateway's heap. Expired permits are evicted, not only ignored.
 */
final class BoundedPermits {

    private record Entry(String partnerId, Decision decision) {
    }

    private final Cache<String, Entry> entries;

    BoundedPermits(long maxEntries, Duration ttl, Ticker ticker) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(ttl)
                .ticker(ticker)
                // Evictions run on the caller's thread: no pool of its own, and the size is exact after each call.
                .executor(Runnable::run)
                .build();
    }

    void put(String partnerId, String consentId, Decision decision) {
        entries.put(consentId, new Entry(partnerId, decision));
    }

    /** The permit, if one is kept for this consent and this partner: a consent belongs to one partner. */
    Optional<Decision> get(String partnerId, String consentId) {
        Entry entry = entries.getIfPresent(consentId);
        return entry == null || !entry.partnerId().equals(partnerId) ? Optional.empty() : Optional.of(entry.decision());
    }

    void remove(String consentId) {
        entries.invalidate(consentId);
    }

    void clear() {
        entries.invalidateAll();
    }

    /** The number of permits kept (after evicting what is due), for the size metric. */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
