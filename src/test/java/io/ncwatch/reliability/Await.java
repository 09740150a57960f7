package io.ncwatch.reliability;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition by polling, up to a deadline: a bound on a hang, not a measure of speed. */
final class Await {
    private Await() {}

    /** @throws AssertionError naming WHAT when CONDITION is still false after LIMIT */
    static void until(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
