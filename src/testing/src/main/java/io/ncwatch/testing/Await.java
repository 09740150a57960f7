package io.ncwatch.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition by polling, up to a deadline: a bound on a hang, not a measure of speed. */
public final class Await {
    private Await() {}

    /**
     * Polls CONDITION until it holds. A condition that throws counts as not holding yet (a service that
     * was just restarted, an index whose shard is still being allocated), and its last failure is the
     * cause of the error at the deadline.
     *
     * @throws AssertionError naming WHAT when CONDITION still does not hold after LIMIT
     */
    public static void until(String what, Duration limit, BooleanSupplier condition) {
        until(what, limit, condition, () -> "");
    }

    /** As {@link #until(String, Duration, BooleanSupplier)}, with STATE, read at the deadline, in the error: what was seen instead. */
    public static void until(String what, Duration limit, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + limit.toNanos();
        RuntimeException lastFailure = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
                lastFailure = null;
            } catch (RuntimeException e) {
                lastFailure = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what + stateOf(state), lastFailure);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    private static String stateOf(Supplier<String> state) {
        try {
            String seen = state.get();
            return seen.isEmpty() ? "" : "; seen: " + seen;
        } catch (RuntimeException e) {
            return "; seen: nothing, reading it failed: " + e;
        }
    }
}
