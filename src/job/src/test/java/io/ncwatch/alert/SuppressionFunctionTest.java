package io.ncwatch.alert;

import static io.ncwatch.rules.TestRules.rule;
import static io.ncwatch.rules.TestRules.suppressing;
import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.harness.KeyedHarness;
import io.ncwatch.job.TestEvents;
import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.Detection;
import io.ncwatch.record.Stage;
import io.ncwatch.rules.AlertSuppression;
import io.ncwatch.rules.Rule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Elastic's alert suppression in event time, as the alerts a user sees: which are written, which only count. */
class SuppressionFunctionTest {
    private static final long T0 = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();

    private static List<Rule> rules(boolean suppressMissing) {
        return List.of(suppressing(rule("curl", "process where process.name == \"curl\""),
                new AlertSuppression(List.of("container.id"), Duration.ofMinutes(1), suppressMissing)));
    }

    private static final class Stage2 implements AutoCloseable {
        final SuppressionTerms terms;
        final KeyedOneInputStreamOperatorTestHarness<String, Detection, Detection> harness;

        Stage2(List<Rule> rules, OperatorSubtaskState restored) throws Exception {
            terms = new SuppressionTerms(rules);
            harness = KeyedHarness.keyed(new KeyedProcessOperator<>(new SuppressionFunction(rules)), SuppressionTerms.keys(),
                    new HashMapStateBackend());
            if (restored != null) {
                harness.initializeState(restored);
            }
            harness.open();
        }

        /** A curl start in {@code container} (none: null) {@code at} ms after T0, as the rules stage detects it. */
        void send(String eventId, String container, long at) throws Exception {
            ContainerEvent event = new ContainerEvent();
            event.eventId = eventId;
            event.timestamp = T0 + at;
            event.containerId = container;
            event.raw = TestEvents.exec(eventId, Instant.ofEpochMilli(T0 + at).toString(), container, "curl", "curl")
                    .getBytes(StandardCharsets.UTF_8);
            Detection detection = terms.map(new Detection("curl", Stage.RULE, event));
            harness.processElement(detection, event.timestamp);
        }

        /** Each detection passed: "written EVENT" for an alert of its own, "EVENT counts on ALERT: N until T". */
        List<String> out() {
            return KeyedHarness.<Detection>take(harness).stream().map(d -> d.suppression == null
                    ? "unsuppressed " + d.event.eventId
                    : d.suppression.keptAlertId == null ? "written " + d.event.eventId + " " + String.join(",", d.suppression.values)
                    : d.event.eventId + " counts on " + d.suppression.keptAlertId + ": " + d.suppression.docsCount + " until +"
                            + (d.suppression.end - T0)).toList();
        }

        @Override
        public void close() throws Exception {
            harness.close();
        }
    }

    private static String idOf(String eventId) {
        ContainerEvent event = new ContainerEvent();
        event.eventId = eventId;
        return AlertId.of(new Detection("curl", Stage.RULE, event));
    }

    @Test
    void theFirstAlertOfAGroupIsWrittenAndLaterOnesWithinTheDurationCountOnIt() throws Exception {
        try (Stage2 stage = new Stage2(rules(true), null)) {
            stage.send("a1", "c1", 0);
            stage.send("b1", "c2", 1_000);
            stage.send("a2", "c1", 30_000);
            stage.send("a3", "c1", 20_000);
            stage.send("a4", "c1", 60_000);
            stage.send("a5", "c1", 61_000);

            assertThat(stage.out()).containsExactly(
                    "written a1 \"c1\"",
                    "written b1 \"c2\"",
                    "a2 counts on " + idOf("a1") + ": 1 until +30000",
                    "a3 counts on " + idOf("a1") + ": 2 until +30000",
                    "written a4 \"c1\"",
                    "a5 counts on " + idOf("a4") + ": 1 until +61000");
        }
    }

    @Test
    void missingFieldsAreOneGroupOrNotSuppressedAsTheStrategySays() throws Exception {
        try (Stage2 suppress = new Stage2(rules(true), null); Stage2 doNot = new Stage2(rules(false), null)) {
            for (Stage2 stage : List.of(suppress, doNot)) {
                stage.send("n1", null, 0);
                stage.send("n2", null, 1_000);
            }

            assertThat(suppress.out()).containsExactly("written n1 null", "n2 counts on " + idOf("n1") + ": 1 until +1000");
            assertThat(doNot.out()).containsExactly("unsuppressed n1", "unsuppressed n2");
        }
    }

    @Test
    void countsHoldThroughARestoreAndTheGroupIsReleasedWhenTheWatermarkPassesItsDuration() throws Exception {
        OperatorSubtaskState snapshot;
        try (Stage2 before = new Stage2(rules(true), null)) {
            before.send("a1", "c1", 0);
            before.send("a2", "c1", 10_000);
            before.out();
            snapshot = before.harness.snapshot(1, 1);
        }
        try (Stage2 after = new Stage2(rules(true), snapshot)) {
            after.send("a3", "c1", 20_000);
            assertThat(after.out()).containsExactly("a3 counts on " + idOf("a1") + ": 2 until +20000");
            assertThat(after.harness.numKeyedStateEntries()).isEqualTo(1);

            after.harness.processWatermark(T0 + 60_000);

            assertThat(after.harness.numKeyedStateEntries()).as("groups once the watermark passed their duration").isZero();
            assertThat(after.harness.numEventTimeTimers()).isZero();
        }
    }
}
