package io.ncwatch.generate;

import java.time.LocalDate;

/**
 * Formats epoch milliseconds as {@code 2026-11-28T06:12:44.318Z} into a reused buffer, without the
 * cost of a {@code DateTimeFormatter} per call (the generator formats several per event).
 */
final class IsoTimestamps {
    static final int LENGTH = 24;
    private static final long DAY_MILLIS = 86_400_000L;

    private final char[] buffer = new char[LENGTH];
    private long cachedDay = Long.MIN_VALUE;

    /** Formats {@code millis} into the buffer and returns it; valid until the next call. */
    char[] format(long millis) {
        long day = Math.floorDiv(millis, DAY_MILLIS);
        if (day != cachedDay) {
            String date = LocalDate.ofEpochDay(day).toString();
            if (date.length() != 10) {
                throw new IllegalArgumentException("timestamp outside years 0000-9999: " + millis);
            }
            date.getChars(0, 10, buffer, 0);
            buffer[10] = 'T';
            buffer[13] = ':';
            buffer[16] = ':';
            buffer[19] = '.';
            buffer[23] = 'Z';
            cachedDay = day;
        }
        int ms = (int) (millis - day * DAY_MILLIS);
        two(ms / 3_600_000, 11);
        two(ms / 60_000 % 60, 14);
        two(ms / 1000 % 60, 17);
        int milli = ms % 1000;
        buffer[20] = (char) ('0' + milli / 100);
        buffer[21] = (char) ('0' + milli / 10 % 10);
        buffer[22] = (char) ('0' + milli % 10);
        return buffer;
    }

    private void two(int v, int at) {
        buffer[at] = (char) ('0' + v / 10);
        buffer[at + 1] = (char) ('0' + v % 10);
    }
}
