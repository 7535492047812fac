package org.openbanking.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** ISO 8601 with an offset at the edge; instants, truncated to milliseconds, inside. */
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

    public static String format(Instant instant) {
        return instant == null
                ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME
                        .format(instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC));
    }
}
