package io.ncwatch.eql.runtime;

import static java.time.temporal.ChronoField.DAY_OF_MONTH;
import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.MONTH_OF_YEAR;
import static java.time.temporal.ChronoField.NANO_OF_SECOND;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;
import static java.time.temporal.ChronoField.YEAR;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.format.SignStyle;

/**
 * Dates as a {@code date} field with the default format {@code strict_date_optional_time||epoch_millis}
 * reads them: ISO 8601 from a year alone down to nanoseconds, with an optional offset (UTC without one),
 * or milliseconds since the epoch as a number or a numeric string; stored as whole milliseconds.
 */
final class Dates {
    private static final DateTimeFormatter STRICT_DATE_OPTIONAL_TIME = new DateTimeFormatterBuilder()
            .appendValue(YEAR, 4, 4, SignStyle.NEVER)
            .optionalStart().appendLiteral('-').appendValue(MONTH_OF_YEAR, 2)
            .optionalStart().appendLiteral('-').appendValue(DAY_OF_MONTH, 2)
            .optionalStart().appendLiteral('T').appendValue(HOUR_OF_DAY, 2)
            .optionalStart().appendLiteral(':').appendValue(MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalEnd().optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .optionalEnd().optionalEnd().optionalEnd()
            .parseDefaulting(MONTH_OF_YEAR, 1)
            .parseDefaulting(DAY_OF_MONTH, 1)
            .parseDefaulting(HOUR_OF_DAY, 0)
            .parseDefaulting(MINUTE_OF_HOUR, 0)
            .parseDefaulting(SECOND_OF_MINUTE, 0)
            .parseDefaulting(NANO_OF_SECOND, 0)
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(IsoChronology.INSTANCE)
            .withZone(ZoneOffset.UTC);

    private Dates() {}

    /** Milliseconds since the epoch of a document's value or a literal, or null when it reads as no date. */
    static Long toEpochMillis(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Double d) {
            return Double.isFinite(d) ? (long) Math.floor(d) : null;
        }
        if (!(value instanceof String s) || s.isEmpty()) {
            return null;
        }
        try {
            return Instant.from(STRICT_DATE_OPTIONAL_TIME.parse(s)).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException notIso) {
            return epochMillis(s);
        }
    }

    /** {@code epoch_millis}: an optionally signed number of milliseconds, fraction allowed. */
    private static Long epochMillis(String s) {
        try {
            return new BigDecimal(s).setScale(0, RoundingMode.FLOOR).longValueExact();
        } catch (NumberFormatException | ArithmeticException notMillis) {
            return null;
        }
    }
}
