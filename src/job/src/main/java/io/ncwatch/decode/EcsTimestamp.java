package io.ncwatch.decode;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Reads {@code @timestamp} the way Elasticsearch's default date format does
 * ({@code strict_date_optional_time||epoch_millis}), without the allocation of a general parser:
 * {@code yyyy-MM-dd['T'HH:mm[:ss[.fraction]]][Z|±HH[[:]mm]]} (no offset means UTC; fraction digits beyond
 * milliseconds are dropped), or a string of digits meaning milliseconds since the epoch.
 */
public final class EcsTimestamp {
    private final String text;
    private int pos;

    private EcsTimestamp(String text) {
        this.text = text;
    }

    /** Milliseconds since the epoch; throws {@link DateTimeException} saying what is wrong. */
    public static long toEpochMillis(String text) {
        if (allDigits(text)) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new DateTimeException("epoch milliseconds out of range");
            }
        }
        return new EcsTimestamp(text).read();
    }

    private long read() {
        int year = digits(4, "year");
        expect('-');
        int month = digits(2, "month");
        expect('-');
        int day = digits(2, "day");
        long millis = LocalDate.of(year, month, day).toEpochDay() * 86_400_000L;
        if (pos < text.length() && text.charAt(pos) == 'T') {
            pos++;
            millis += time();
        }
        if (pos < text.length()) {
            millis -= offsetSeconds() * 1000L;
        }
        if (pos != text.length()) {
            throw new DateTimeException("unexpected '" + text.charAt(pos) + "' at position " + (pos + 1));
        }
        return millis;
    }

    private long time() {
        int hour = bounded(digits(2, "hour"), 23, "hour");
        expect(':');
        int minute = bounded(digits(2, "minute"), 59, "minute");
        int second = 0;
        int millis = 0;
        if (next(':')) {
            second = bounded(digits(2, "second"), 59, "second");
            if (next('.') || next(',')) {
                int start = pos;
                while (pos < text.length() && isDigit(text.charAt(pos))) {
                    pos++;
                }
                if (pos == start || pos - start > 9) {
                    throw new DateTimeException("expected 1 to 9 digits of the fraction at position " + (start + 1));
                }
                for (int i = start; i < start + 3; i++) {
                    millis = millis * 10 + (i < pos ? text.charAt(i) - '0' : 0);
                }
            }
        }
        return ((hour * 60L + minute) * 60 + second) * 1000 + millis;
    }

    private int offsetSeconds() {
        if (next('Z')) {
            return 0;
        }
        int sign = next('+') ? 1 : next('-') ? -1 : 0;
        if (sign == 0) {
            throw new DateTimeException("unexpected '" + text.charAt(pos) + "' at position " + (pos + 1)
                    + " (expected 'T', 'Z', '+' or '-')");
        }
        int hours = bounded(digits(2, "offset hours"), 18, "offset hours");
        int minutes = 0;
        if (pos < text.length()) {
            next(':');
            minutes = bounded(digits(2, "offset minutes"), 59, "offset minutes");
        }
        return sign * (hours * 3600 + minutes * 60);
    }

    private int digits(int count, String what) {
        int value = 0;
        for (int i = 0; i < count; i++, pos++) {
            if (pos >= text.length() || !isDigit(text.charAt(pos))) {
                throw new DateTimeException("expected " + count + " digits of the " + what + " at position " + (pos + 1 - i));
            }
            value = value * 10 + text.charAt(pos) - '0';
        }
        return value;
    }

    private static int bounded(int value, int max, String what) {
        if (value > max) {
            throw new DateTimeException(what + " " + value + " is over " + max);
        }
        return value;
    }

    private void expect(char c) {
        if (!next(c)) {
            throw new DateTimeException("expected '" + c + "' at position " + (pos + 1));
        }
    }

    private boolean next(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
