package io.ncwatch.bench;

import io.ncwatch.record.Alert;
import io.ncwatch.record.RawEvent;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Counters the benchmark reads from outside the job while it runs: the MiniCluster runs in the
 * benchmark's JVM, so the job's operators and the benchmark share these statics. Counting is chained to
 * the source and costs an add per event.
 */
final class Probe {
    static final LongAdder EVENTS = new LongAdder();
    static final LongAdder ALERTS = new LongAdder();

    private Probe() {}

    static void reset() {
        EVENTS.reset();
        ALERTS.reset();
    }

    /** Counts the events a source hands over. */
    static final class CountEvents implements MapFunction<RawEvent, RawEvent> {
        @Override
        public RawEvent map(RawEvent event) {
            EVENTS.increment();
            return event;
        }
    }

    /** Counts the alerts that reach a discarding sink. */
    static final class CountAlerts implements MapFunction<Alert, Alert> {
        @Override
        public Alert map(Alert alert) {
            ALERTS.increment();
            return alert;
        }
    }
}
