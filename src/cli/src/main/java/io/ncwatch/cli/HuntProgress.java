package io.ncwatch.cli;

import java.time.Duration;
import java.util.Locale;

/**
 * The line a hunt over Elasticsearch prints on stderr every few seconds: documents read of the total
 * that {@code _count} gave at the start, the mean rate so far, and the time left at that rate.
 */
final class HuntProgress {
    private final long total;

    /** @param total the documents the hunt reads, as {@code _count} said */
    HuntProgress(long total) {
        this.total = total;
    }

    /** @param read documents read after {@code elapsed} */
    String line(long read, Duration elapsed) {
        double seconds = elapsed.toMillis() / 1000.0;
        double rate = seconds > 0 ? read / seconds : 0;
        long percent = total > 0 ? Math.min(100, read * 100 / total) : 100;
        String left = rate > 0 ? "about " + duration((long) Math.ceil(Math.max(0, total - read) / rate)) + " left"
                : "time left unknown";
        return String.format(Locale.ROOT, "ncwatch hunt: %,d of %,d documents read (%d%%), %,.0f/s, %s",
                read, total, percent, rate, left);
    }

    /** 45 s, 3 min 05 s, 2 h 07 min. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }
}
