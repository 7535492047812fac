package org.openbanking.gateway.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.SpanContext;

class EventTracesTest {

    @Test
    void aTransitionsTraceparentIsItsParent() {
        SpanContext parent = EventTraces.parent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01").orElseThrow();
        assertEquals("0af7651916cd43dd8448eb211c80319c", parent.getTraceId());
        assertEquals("b7ad6b7169203331", parent.getSpanId());
        assertTrue(parent.isSampled());
        assertTrue(parent.isRemote());
    }

    @Test
    void anythingElseStartsNoTraceOfItsOwnParent() {
        for (String notOne : new String[]{null, "", "garbage", "01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "00-00000000000000000000000000000000-b7ad6b7169203331-01",
                "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01"}) {
            assertEquals(Optional.empty(), EventTraces.parent(notOne), String.valueOf(notOne));
        }
    }
}
