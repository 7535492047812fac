package org.openbanking.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * ISO 8601 with an offset at the edge; instants, truncated to milliseconds, inside. Query date-times are the exception
 * ({@link #parseQuery}): OBIE has them without a time zone.
 */
public final class DateTimes {

    private DateTimes() {
    }

    /**
     * Parses an ISO 8601 date-time that carries an offset; null when it does not parse, or when its year is not one of
     * the four-digit years 0001 to 9999 (ISO 8601 also allows years such as +999999999, which no database column holds).
     */
    public static Instant parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            OffsetDateTime parsed = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            if (parsed.getYear() < 1 || parsed.getYear() > 9999) {
                return null;
            }
            return parsed.toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * A query date-time as OBIE defines {@code fromBookingDateTime}/{@code toBookingDateTime}: an ISO 8601 date-time
     * whose time component is optional (a date alone is its first instant) and whose time zone, if one is sent, is
     * ignored: the wall-clock time is read as UTC. Null when it is none of {@code 2026-11-03},
     * {@code 2026-11-03T08:02:44[.fraction]} or that with a valid offset, or when its year is outside 0001 to 9999.
     */
    public static Instant parseQuery(String value) {
        if (value == null) {
            return null;
        }
        LocalDateTime wallClock;
        try {
            if (value.length() == 10) {
                wallClock = LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay();
            } else {
                try {
                    wallClock = LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
                } catch (DateTimeParseException noZone) {
                    // The offset must be a valid one, but its value is not applied (OBIE: "not time-zone aware").
                    wallClock = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toLocalDateTime();
                }
            }
        } catch (DateTimeParseException e) {
            return null;
        }
        if (wallClock.getYear() < 1 || wallClock.getYear() > 9999) {
            return null;
        }
        return wallClock.toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    public static String format(Instant instant) {
        return instant == null
                ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME
                        .format(instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC));
    }
}
