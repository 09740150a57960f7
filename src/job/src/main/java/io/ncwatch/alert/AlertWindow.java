package io.ncwatch.alert;

import java.io.Serializable;

/**
 * A rate limit: at most {@code max} alerts of one scope per window of event time (windows start at
 * multiples of the length since the epoch, so every task cuts time alike).
 *
 * @param scope what the limit counts: a rule's id, or the job
 */
public record AlertWindow(String scope, int max, long millis) implements Serializable {

    /** The key of the window {@code timestamp} falls in: the scope and the window's start. */
    public String keyOf(long timestamp) {
        return scope + "@" + start(timestamp);
    }

    public long start(long timestamp) {
        return timestamp - Math.floorMod(timestamp, millis);
    }

    public long end(long timestamp) {
        return start(timestamp) + millis;
    }
}
