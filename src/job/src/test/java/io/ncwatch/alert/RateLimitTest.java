package io.ncwatch.alert;

import static io.ncwatch.rules.TestRules.limited;
import static io.ncwatch.rules.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.harness.KeyedHarness;
import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.Detection;
import io.ncwatch.record.Stage;
import io.ncwatch.rules.Rule;
import java.time.Duration;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** {@code max_signals} per rule and window of event time, as a user sees it: which alerts come through. */
class RateLimitTest {
    private static final long T0 = 1_796_000_000_000L - Math.floorMod(1_796_000_000_000L, 60_000L);
    private static final List<Rule> RULES = List.of(
            limited(rule("two", "process where true"), 2, Duration.ofMinutes(1)),
            rule("default", "process where true"));

    private static KeyedOneInputStreamOperatorTestHarness<String, Detection, Detection> harness(OperatorSubtaskState restored)
            throws Exception {
        RateLimit.Windows windows = RateLimit.perRule(RULES);
        var harness = KeyedHarness.keyed(new KeyedProcessOperator<>(new RateLimit(windows, "alertsHeldBack")),
                RateLimit.keys(windows), new HashMapStateBackend());
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }

    private static Detection detection(String ruleId, String eventId, long at) {
        ContainerEvent event = new ContainerEvent();
        event.eventId = eventId;
        event.timestamp = T0 + at;
        return new Detection(ruleId, Stage.RULE, event);
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, Detection, Detection> harness,
            Detection... detections) throws Exception {
        for (Detection detection : detections) {
            harness.processElement(detection, detection.timestamp());
        }
    }

    private static List<String> passed(KeyedOneInputStreamOperatorTestHarness<String, Detection, Detection> harness) {
        return KeyedHarness.<Detection>take(harness).stream().map(detection -> detection.event.eventId).toList();
    }

    @Test
    void atMostMaxSignalsPerRuleAndWindowPassInEventTime() throws Exception {
        try (var harness = harness(null)) {
            send(harness, detection("two", "a", 1_000), detection("two", "b", 2_000), detection("two", "c", 3_000),
                    detection("two", "next-window", 61_000), detection("two", "d", 59_999));
            for (int i = 0; i < 100; i++) {
                send(harness, detection("default", "default-" + i, 5_000));
            }
            send(harness, detection("default", "one too many", 6_000));

            List<String> passed = passed(harness);
            assertThat(passed).filteredOn(id -> !id.startsWith("default")).containsExactly("a", "b", "next-window");
            assertThat(passed).filteredOn(id -> id.startsWith("default")).hasSize(100).doesNotContain("one too many");
        }
    }

    @Test
    void theCountHoldsThroughARestoreAndIsReleasedWhenTheWatermarkPassesTheWindow() throws Exception {
        OperatorSubtaskState snapshot;
        try (var before = harness(null)) {
            send(before, detection("two", "a", 1_000), detection("two", "b", 2_000));
            assertThat(passed(before)).containsExactly("a", "b");
            snapshot = before.snapshot(1, 1);
        }
        try (var after = harness(snapshot)) {
            send(after, detection("two", "after restore", 3_000));
            assertThat(passed(after)).as("the window's count came back with the state").isEmpty();
            assertThat(after.numKeyedStateEntries()).isPositive();

            after.processWatermark(T0 + 60_000);

            assertThat(after.numKeyedStateEntries()).as("state once the watermark passed the window").isZero();
            assertThat(after.numEventTimeTimers()).isZero();
        }
    }
}
