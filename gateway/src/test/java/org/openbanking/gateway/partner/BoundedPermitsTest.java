package org.openbanking.gateway.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.openbanking.gateway.downstream.Decision;

class BoundedPermitsTest {

    private final AtomicLong nanos = new AtomicLong();

    private static Decision permit(String consentId) {
        return new Decision("Permit", 200, null, null, null,
                new Decision.Grant(consentId, "alice", List.of("acc-1"), List.of("Balances"), List.of(), List.of(), null,
                        null, "2099-01-01T00:00:00Z"),
                null, null);
    }

    @Test
    void aPermitIsEvictedOnceItsTimeIsUpNotOnlyIgnored() {
        BoundedPermits permits = new BoundedPermits(100, Duration.ofSeconds(60), nanos::get);
        permits.put("p1", "aac-1", permit("aac-1"));
        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertTrue(permits.get("p1", "aac-1").isPresent());
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals(Optional.empty(), permits.get("p1", "aac-1"));
        assertEquals(0, permits.size());
    }

    @Test
    void noMoreThanTheBoundIsKept() {
        BoundedPermits permits = new BoundedPermits(50, Duration.ofSeconds(60), nanos::get);
        for (int i = 0; i < 1000; i++) {
            permits.put("p1", "aac-" + i, permit("aac-" + i));
        }
        assertTrue(permits.size() <= 50, "kept " + permits.size());
    }

    @Test
    void aPermitServesOnlyItsPartnerAndGoesWhenItsConsentChanges() {
        BoundedPermits permits = new BoundedPermits(100, Duration.ofSeconds(60), nanos::get);
        permits.put("p1", "aac-1", permit("aac-1"));
        permits.put("p1", "aac-2", permit("aac-2"));
        assertEquals(Optional.empty(), permits.get("p2", "aac-1"));
        permits.remove("aac-1");
        assertEquals(Optional.empty(), permits.get("p1", "aac-1"));
        assertEquals(1, permits.size());
        permits.clear();
        assertEquals(0, permits.size());
    }
}
