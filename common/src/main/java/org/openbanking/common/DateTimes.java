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

    /** Parses an ISO 8601 date-time that carries an offset; null when it does not parse. */
    public static Instant parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()
                    .truncatedTo(ChronoUnit.MILLIS);
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
