package org.openbanking.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateTimesTest {

    @ParameterizedTest(name = "{0} is read as {1}")
    @CsvSource({
            "2026-11-03, 2026-11-03T00:00:00Z",
            "2026-11-03T08:02:44, 2026-11-03T08:02:44Z",
            "2026-11-03T08:02, 2026-11-03T08:02:00Z",
            "2026-11-03T08:02:44.123456, 2026-11-03T08:02:44.123Z",
            "2026-11-03T08:02:44Z, 2026-11-03T08:02:44Z",
            "2026-11-03T08:02:44+05:30, 2026-11-03T08:02:44Z",
            "2026-11-03T23:30:00-11:00, 2026-11-03T23:30:00Z",
            "0001-01-01, 0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59, 9999-12-31T23:59:59Z"})
    void queryDateTimesHaveAnOptionalTimeAndTheirZoneIsIgnored(String query, String instant) {
        assertEquals(Instant.parse(instant), DateTimes.parseQuery(query));
    }

    @ParameterizedTest(name = "\"{0}\" is not a query date-time")
    @ValueSource(strings = {"", " ", "tomorrow", "2026-11-3", "2026-13-01", "2026-02-30", "2026-11-03 08:02:44",
            "2026-11-03T25:00:00", "2026-11-03T08:02:44+25:00", "2026-11-03T08:02:44ZZ", "2026-11-03T08",
            "+10000-01-01", "0000-01-01", "-0001-01-01T00:00:00", "+999999999-12-31T23:59:59Z", "2026-W45-2",
            "2026-11-03T08:02:44[Europe/Paris]", "1793721764", "\u0662\u0660\u0662\u0666-11-03"})
    void anythingElseIsRefused(String query) {
        assertNull(DateTimes.parseQuery(query));
    }

    @ParameterizedTest(name = "a body date-time needs its offset: {0}")
    @ValueSource(strings = {"2026-11-03", "2026-11-03T08:02:44"})
    void bodyDateTimesStillNeedAnOffset(String value) {
        assertNull(DateTimes.parse(value));
    }
}
