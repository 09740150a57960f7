package io.ncwatch.decode;

import static io.ncwatch.job.TestEvents.SEED_RULE_ID;
import static io.ncwatch.job.TestEvents.exec;
import static io.ncwatch.job.TestEvents.raw;
import static io.ncwatch.rules.TestRules.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.eql.EqlOptions;
import io.ncwatch.harness.KeyedHarness;
import io.ncwatch.job.TestEvents;
import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.DeadLetter;
import io.ncwatch.record.RawEvent;
import io.ncwatch.record.RuleUpdate;
import io.ncwatch.rules.LiveRules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The decoder of a job with a rules topic: an update judges the events after it; what cannot run is refused. */
class LiveDecodeFunctionTest {
    private static final String CONTAINER = "8c4b2f9e6a1d3c7b5e0f";
    private static final String SOCAT = "socat-listener";
    private static final String SOCAT_QUERY = "process where process.name == \"socat\" and process.args : \"TCP-LISTEN:*\"";

    private long offset;

    /** The decoder of a job that started with the seed rule, from {@code restored} when not null, opened. */
    private static BroadcastOperatorTestHarness<RawEvent, RuleUpdate, ContainerEvent> decoder(OperatorSubtaskState restored)
            throws Exception {
        var function = new LiveDecodeFunction(new LiveRules(TestEvents.seedRule(), EqlOptions.ELASTICSEARCH));
        var harness = new BroadcastOperatorTestHarness<>(
                new CoBroadcastWithNonKeyedOperator<>(function, List.of(LiveRules.TEXTS, LiveRules.REMOVED)), 1, 1, 0);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }

    /** The rules an exec of NAME with ARGS matches. */
    private List<String> matched(BroadcastOperatorTestHarness<RawEvent, RuleUpdate, ContainerEvent> decoder, String name,
            String... args) throws Exception {
        decoder.processElement(raw(exec("e" + offset, "2026-11-28T06:12:44Z", CONTAINER, name, args), offset++), 0);
        List<ContainerEvent> out = KeyedHarness.take(decoder);
        assertThat(out).hasSize(1);
        return out.get(0).matchedRules == null ? List.of() : List.of(out.get(0).matchedRules);
    }

    private static RuleUpdate update(String id, String text, long at) {
        return new RuleUpdate(id, text == null ? null : text.getBytes(StandardCharsets.UTF_8), "ncwatch.rules", 0, at);
    }

    @Test
    void anAddedRuleJudgesTheEventsAfterItAndTheFieldsItReadsAreDecoded() throws Exception {
        try (var decoder = decoder(null)) {
            assertThat(matched(decoder, "socat", "socat", "TCP-LISTEN:4444", "EXEC:/bin/sh")).isEmpty();

            decoder.processBroadcastElement(update(SOCAT, json(SOCAT, SOCAT_QUERY), 0), 0);

            assertThat(matched(decoder, "socat", "socat", "TCP-LISTEN:4444", "EXEC:/bin/sh")).containsExactly(SOCAT);
            assertThat(matched(decoder, "nc", "nc", "-lvnp", "4444")).as("the rules of the files run on").containsExactly(SEED_RULE_ID);
        }
    }

    @Test
    void aBrokenUpdateIsADeadLetterAndTheVersionItWouldReplaceRunsOn() throws Exception {
        try (var decoder = decoder(null)) {
            decoder.processBroadcastElement(update(SOCAT, json(SOCAT, SOCAT_QUERY), 0), 0);
            decoder.processBroadcastElement(update(SOCAT, json(SOCAT, "process where process.name = \"socat\""), 1), 0);

            List<DeadLetter> letters = KeyedHarness.take(decoder, DecodeFunction.DEAD_LETTERS);
            assertThat(letters).singleElement().satisfies(letter -> {
                assertThat(letter.stage).isEqualTo(DeadLetter.STAGE_RULES);
                assertThat(letter.reason).isEqualTo(DeadLetter.INVALID_RULE);
                assertThat(letter.detail).contains("ncwatch.rules/0/1 (rule " + SOCAT + ")");
                assertThat(letter.offset).isEqualTo(1);
                assertThat(new String(letter.bytes, StandardCharsets.UTF_8)).contains("process.name = \\\"socat\\\"");
            });
            assertThat(matched(decoder, "socat", "socat", "TCP-LISTEN:4444")).containsExactly(SOCAT);
        }
    }

    @Test
    void aReplacedRuleJudgesByItsNewVersionAndARemovedOneNoLonger() throws Exception {
        try (var decoder = decoder(null)) {
            decoder.processBroadcastElement(update(SOCAT, json(SOCAT, SOCAT_QUERY), 0), 0);
            decoder.processBroadcastElement(update(SOCAT, json(SOCAT, "process where process.name == \"ncat\""), 1), 0);

            assertThat(matched(decoder, "socat", "socat", "TCP-LISTEN:4444")).isEmpty();
            assertThat(matched(decoder, "ncat", "ncat", "example.com", "80")).containsExactly(SOCAT);

            decoder.processBroadcastElement(update(SOCAT, null, 2), 0);
            decoder.processBroadcastElement(update(SEED_RULE_ID, null, 3), 0);

            assertThat(matched(decoder, "ncat", "ncat", "example.com", "80")).isEmpty();
            assertThat(matched(decoder, "nc", "nc", "-lvnp", "4444")).as("a rule of the files, removed").isEmpty();
        }
    }

    @Test
    void theRulesOfTheTopicAreInCheckpointsAndComeBackOnRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var decoder = decoder(null)) {
            decoder.processBroadcastElement(update(SOCAT, json(SOCAT, SOCAT_QUERY), 0), 0);
            decoder.processBroadcastElement(update(SEED_RULE_ID, null, 1), 0);
            snapshot = decoder.snapshot(1, 1);
        }
        try (var restored = decoder(snapshot)) {
            assertThat(matched(restored, "socat", "socat", "TCP-LISTEN:4444")).containsExactly(SOCAT);
            assertThat(matched(restored, "nc", "nc", "-lvnp", "4444")).isEmpty();
        }
    }
}
