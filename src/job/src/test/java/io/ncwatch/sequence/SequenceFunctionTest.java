package io.ncwatch.sequence;

import static io.ncwatch.rules.TestRules.entry;
import static io.ncwatch.rules.TestRules.excepting;
import static io.ncwatch.rules.TestRules.item;
import static io.ncwatch.rules.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.ncwatch.job.TestEvents;
import io.ncwatch.record.Detection;
import io.ncwatch.record.RuleUpdate;
import io.ncwatch.record.SequenceEvent;
import io.ncwatch.record.Stage;
import io.ncwatch.rules.ExceptionEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sequence stage behind the decoder, in event time: what a user of a sequence rule sees as events
 * arrive out of order, late, interleaved across keys, and across a restore.
 */
class SequenceFunctionTest {
    private static final long T0 = 1_796_000_000_000L;
    private static final SequenceSettings HORIZON_5M = new SequenceSettings(Duration.ofMinutes(5));

    private static final String DOWNLOAD_THEN_RUN = """
            sequence by container.id with maxspan=1m
              [process where process.name == "curl"]
              [process where process.name == "chmod"]
              [process where process.name == "sh"]
            until [process where process.name == "kill"]""";
    private static final String UNLESS_REMOVED = """
            sequence by container.id with maxspan=10s
              [process where process.name == "curl"]
              [process where process.name == "chmod"]
              ![process where process.name == "rm"]""";
    private static final String NO_MAXSPAN = """
            sequence by container.id
              [process where process.name == "curl"]
              [process where process.name == "chmod"]""";

    private static SequenceChain chain(String query) throws Exception {
        return new SequenceChain(List.of(rule("seq", query)), HORIZON_5M);
    }

    /** A process start {@code at} milliseconds after T0, its event id {@code name@at}. */
    private static String exec(String container, long at, String name) {
        return TestEvents.exec(name + "@" + at, Instant.ofEpochMilli(T0 + at).toString(), container, name, name);
    }

    private static List<String> members(Detection detection) {
        return Arrays.stream(detection.sequence.events).map(event -> event.eventId).toList();
    }

    @Test
    void eventsOutOfOrderWithinTheWatermarkFormTheSequenceInEventTime() throws Exception {
        try (SequenceChain chain = chain(DOWNLOAD_THEN_RUN)) {
            chain.send(exec("c1", 3_000, "sh"), exec("c1", 1_000, "curl"), exec("c1", 2_000, "chmod"));
            assertThat(chain.detections()).as("nothing before the watermark passes the events").isEmpty();

            chain.watermark(3_000 + T0);

            List<Detection> detections = chain.detections();
            assertThat(detections).hasSize(1);
            Detection detection = detections.get(0);
            assertThat(detection.ruleId).isEqualTo("seq");
            assertThat(detection.stage).isEqualTo(Stage.SEQUENCE);
            assertThat(members(detection)).containsExactly("curl@1000", "chmod@2000", "sh@3000");
            assertThat(detection.sequence.stages).containsExactly(0, 1, 2);
            assertThat(detection.sequence.joinKeys).containsExactly("c1");
        }
    }

    @Test
    void anEventTheRulesExceptionsMatchTakesNoPartInItsSequences() throws Exception {
        // Kibana hands a rule's exceptions to the EQL search as a filter: an excepted chmod is no step
        var rule = excepting(rule("seq", DOWNLOAD_THEN_RUN), item(entry("process.args", ExceptionEntry.Type.MATCH, "excepted")));
        try (SequenceChain chain = new SequenceChain(List.of(rule), HORIZON_5M)) {
            chain.send(exec("c1", 1_000, "curl"),
                    TestEvents.exec("chmod@2000", Instant.ofEpochMilli(T0 + 2_000).toString(), "c1", "chmod", "excepted"),
                    exec("c1", 3_000, "sh"),
                    exec("c2", 1_000, "curl"), exec("c2", 2_000, "chmod"), exec("c2", 3_000, "sh"));
            chain.watermark(T0 + 10_000);

            assertThat(chain.detections()).extracting(detection -> detection.sequence.joinKeys[0]).containsExactly("c2");
        }
    }

    @Test
    void anEventBehindTheWatermarkIsLateAndJoinsNoSequence() throws Exception {
        try (SequenceChain chain = chain(DOWNLOAD_THEN_RUN)) {
            chain.send(exec("c1", 1_000, "curl"), exec("c1", 4_000, "sh"));
            chain.watermark(T0 + 3_000);
            chain.send(exec("c1", 2_000, "chmod"));
            chain.watermark(T0 + 5_000);

            assertThat(chain.late()).extracting(event -> event.eventId).containsExactly("chmod@2000");
            assertThat(chain.detections()).isEmpty();
        }
    }

    @Test
    void maxspanEndsASequenceAndFreesItsState() throws Exception {
        try (SequenceChain chain = chain(DOWNLOAD_THEN_RUN)) {
            chain.send(exec("c1", 0, "curl"), exec("c1", 10_000, "chmod"));
            chain.watermark(T0 + 10_000);
            assertThat(chain.stateEntries()).as("a sequence in flight").isPositive();

            chain.watermark(T0 + 60_000);
            assertThat(chain.stateEntries()).as("state entries once maxspan has passed").isZero();
            assertThat(chain.timers()).as("timers once maxspan has passed").isZero();

            chain.send(exec("c1", 60_001, "sh"));
            chain.watermark(T0 + 120_000);
            assertThat(chain.detections()).isEmpty();
            assertThat(chain.stateEntries()).isZero();
        }
    }

    @Test
    void aRuleRemovedOrReplacedByTheRulesTopicLeavesNoStateAndMatchesNoMore() throws Exception {
        try (SequenceChain chain = chain(DOWNLOAD_THEN_RUN)) {
            chain.send(exec("c1", 0, "curl"), exec("c1", 1_000, "chmod"), exec("c2", 1_000, "curl"));
            chain.watermark(T0 + 1_000);
            assertThat(chain.stateEntries()).as("sequences in flight").isPositive();

            chain.update(new RuleUpdate("seq", null, "ncwatch.rules", 0, 0));

            assertThat(chain.stateEntries()).as("state entries once the rule is removed").isZero();
            chain.send(exec("c1", 2_000, "sh"));
            chain.watermark(T0 + 120_000);
            assertThat(chain.detections()).isEmpty();
            assertThat(chain.timers()).as("timers once the rule is removed and they fired").isZero();
        }
    }

    @Test
    void aSequenceLastingExactlyMaxspanMatches() throws Exception {
        try (SequenceChain chain = chain(DOWNLOAD_THEN_RUN)) {
            chain.send(exec("c1", 0, "curl"), exec("c1", 30_000, "chmod"), exec("c1", 60_000, "sh"));
            chain.watermark(T0 + 60_000);

            assertThat(chain.detections()).hasSize(1);
        }
    }

    @Test
    void untilDiscardsTheSequencesInFlight() throws Exception {
        try (SequenceChain chain = chain(DOWNLOAD_THEN_RUN)) {
            chain.send(exec("c1", 1_000, "curl"), exec("c1", 2_000, "chmod"), exec("c1", 2_500, "kill"),
                    exec("c1", 3_000, "sh"));
            chain.watermark(T0 + 10_000);
            assertThat(chain.detections()).isEmpty();

            chain.send(exec("c1", 11_000, "curl"), exec("c1", 12_000, "chmod"), exec("c1", 13_000, "sh"));
            chain.watermark(T0 + 20_000);
            assertThat(chain.detections()).extracting(SequenceFunctionTest::members)
                    .containsExactly(List.of("curl@11000", "chmod@12000", "sh@13000"));
        }
    }

    @Test
    void aMissingEventStageConfirmsOnceMaxspanHasPassedWithoutIt() throws Exception {
        try (SequenceChain chain = chain(UNLESS_REMOVED)) {
            chain.send(exec("c1", 0, "curl"), exec("c1", 1_000, "chmod"));
            chain.send(exec("c2", 0, "curl"), exec("c2", 1_000, "chmod"), exec("c2", 2_000, "rm"));
            chain.watermark(T0 + 9_999);
            assertThat(chain.detections()).as("before maxspan has passed").isEmpty();

            chain.watermark(T0 + 10_000);

            assertThat(chain.detections()).extracting(detection -> detection.sequence.joinKeys[0]).containsExactly("c1");
            chain.watermark(T0 + 60_000);
            assertThat(chain.stateEntries()).isZero();
        }
    }

    @Test
    void twoKeysInterleavedEachFormTheirOwnSequence() throws Exception {
        try (SequenceChain chain = chain(DOWNLOAD_THEN_RUN)) {
            chain.send(exec("c1", 1_000, "curl"), exec("c2", 1_100, "curl"), exec("c1", 2_000, "chmod"),
                    exec("c2", 2_100, "chmod"), exec("c2", 3_100, "sh"), exec("c1", 3_000, "sh"));
            chain.watermark(T0 + 5_000);

            assertThat(chain.detections()).extracting(detection -> detection.sequence.joinKeys[0], SequenceFunctionTest::members)
                    .containsExactly(
                            tuple("c1", List.of("curl@1000", "chmod@2000", "sh@3000")),
                            tuple("c2", List.of("curl@1100", "chmod@2100", "sh@3100")));
        }
    }

    @Test
    void aSequenceInFlightSurvivesASavepoint() throws Exception {
        SequenceChain before = chain(DOWNLOAD_THEN_RUN);
        before.send(exec("c1", 1_000, "curl"), exec("c1", 2_000, "chmod"));
        before.watermark(T0 + 2_000);
        before.send(exec("c1", 3_000, "sh"));
        try (SequenceChain after = before.restored()) {
            before.close();
            after.watermark(T0 + 3_000);

            List<Detection> detections = after.detections();
            assertThat(detections).extracting(SequenceFunctionTest::members)
                    .containsExactly(List.of("curl@1000", "chmod@2000", "sh@3000"));
            SequenceEvent first = detections.get(0).sequence.events[0];
            assertThat(new String(first.raw, StandardCharsets.UTF_8)).isEqualTo(exec("c1", 1_000, "curl"));
        }
    }

    @Test
    void aSequenceWithoutMaxspanIsBoundedByTheDefaultHorizon() throws Exception {
        try (SequenceChain chain = chain(NO_MAXSPAN)) {
            chain.send(exec("c1", 0, "curl"), exec("c1", 300_000, "chmod"));
            chain.send(exec("c2", 0, "curl"), exec("c2", 300_001, "chmod"));
            chain.watermark(T0 + 400_000);

            assertThat(chain.detections()).extracting(detection -> detection.sequence.joinKeys[0]).containsExactly("c1");
            chain.watermark(T0 + 700_001);
            assertThat(chain.stateEntries()).isZero();
        }
    }
}
