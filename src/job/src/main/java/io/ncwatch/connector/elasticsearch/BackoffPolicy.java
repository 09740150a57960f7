package io.ncwatch.connector.elasticsearch;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: the n-th consecutive failure waits a random time between half and
 * all of {@code min(max, initial * 2^(n-1))}. The random half keeps many writers from retrying in step;
 * the fixed half keeps the wait from collapsing towards zero.
 */
public final class BackoffPolicy {

    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;

    public BackoffPolicy(Duration initial, Duration max, RandomGenerator random) {
        check(initial, max);
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    static void check(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /** The wait before the next attempt after {@code failures} consecutive failures (at least 1). */
    public long delayMillis(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, got " + failures);
        }
        long ceiling = ceilingMillis(failures);
        long half = ceiling / 2;
        return half + random.nextLong(ceiling - half + 1);
    }

    long ceilingMillis(int failures) {
        int doublings = Math.min(failures - 1, 62);
        long ceiling = initialMillis;
        for (int i = 0; i < doublings && ceiling < maxMillis; i++) {
            ceiling *= 2;
        }
        return Math.min(ceiling, maxMillis);
    }
}
