package io.ncwatch.decode;

import static io.ncwatch.job.TestEvents.SEED_RULE_ID;
import static io.ncwatch.job.TestEvents.exec;
import static io.ncwatch.job.TestEvents.raw;
import static io.ncwatch.rules.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ncwatch.eql.EqlOptions;
import io.ncwatch.eql.analysis.FieldTypes;
import io.ncwatch.harness.KeyedHarness;
import io.ncwatch.job.TestEvents;
import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.DeadLetter;
import io.ncwatch.record.RawEvent;
import io.ncwatch.rules.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeFunctionTest {
    private static final String CONTAINER = "8c4b2f9e6a1d3c7b5e0f";

    @TempDir Path dir;

    private static OneInputStreamOperatorTestHarness<RawEvent, ContainerEvent> harness(DecodeFunction function)
            throws Exception {
        OneInputStreamOperatorTestHarness<RawEvent, ContainerEvent> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(function);
        harness.open();
        return harness;
    }

    private static List<ContainerEvent> events(OneInputStreamOperatorTestHarness<RawEvent, ContainerEvent> harness) {
        return harness.extractOutputValues();
    }

    private static List<DeadLetter> deadLetters(OneInputStreamOperatorTestHarness<RawEvent, ContainerEvent> harness) {
        var letters = harness.getSideOutput(DecodeFunction.DEAD_LETTERS);
        return letters == null ? List.of() : letters.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    @Test
    void aMatchKeepsItsBytesAndTheRulesItMatched() throws Exception {
        var harness = harness(new DecodeFunction(TestEvents.seedRule(), EqlOptions.ELASTICSEARCH));
        String listener = exec("e1", "2026-11-28T06:12:44.318Z", CONTAINER, "nc", "nc", "-lvnp", "4444");

        harness.processElement(raw(listener, 7), 0);

        ContainerEvent event = events(harness).get(0);
        assertThat(event.matchedRules).containsExactly(SEED_RULE_ID);
        assertThat(new String(event.raw, StandardCharsets.UTF_8)).isEqualTo(listener);
        assertThat(event.timestamp).isEqualTo(1_795_846_364_318L);
        assertThat(event.containerId).isEqualTo(CONTAINER);
        assertThat(event.eventId).isEqualTo("e1");
        assertThat(event.processName).isEqualTo("nc");
        assertThat(event.processArgs).containsExactly("nc", "-lvnp", "4444");
        assertThat(event.processPid).isEqualTo(4242L);
        assertThat(event.parentName).isEqualTo("bash");
        assertThat(event.parentPid).isEqualTo(4200L);
        assertThat(event.userId).isEqualTo("0");
        assertThat(event.eventType).containsExactly("start");
        assertThat(event.eventAction).isEqualTo("exec");
        assertThat(event.topic).isEqualTo("ncwatch.process-events");
        assertThat(event.offset).isEqualTo(7);
        assertThat(deadLetters(harness)).isEmpty();
    }

    @Test
    void anOrdinaryEventGoesOnWithoutItsBytes() throws Exception {
        var harness = harness(new DecodeFunction(TestEvents.seedRule(), EqlOptions.ELASTICSEARCH));

        harness.processElement(raw(exec("e2", "2026-11-28T06:12:44Z", CONTAINER, "nc", "nc", "-z", "db", "5432"), 1), 0);
        harness.processElement(raw(exec("e3", "2026-11-28T06:12:45Z", CONTAINER, "sleep", "sleep", "10"), 2), 0);

        assertThat(events(harness)).extracting(e -> e.processName, e -> e.processEntityId != null, e -> e.matched(), e -> e.raw)
                .containsExactly(tuple("nc", true, false, null), tuple("sleep", true, false, null));
    }

    @Test
    void badInputBecomesDeadLettersWithTheirReasonsAndTheJobGoesOn() throws Exception {
        var harness = harness(new DecodeFunction(TestEvents.seedRule(), EqlOptions.ELASTICSEARCH));
        String twoContainers = exec("e4", "2026-11-28T06:12:44Z", CONTAINER, "sh", "sh")
                .replace("\"id\":\"" + CONTAINER + "\"", "\"id\":[\"a\",\"b\"]");
        String textPid = exec("e5", "2026-11-28T06:12:44Z", CONTAINER, "sh", "sh").replace("4242", "\"many\"");
        byte[] huge = ("{\"@timestamp\":\"2026-11-28T06:12:44Z\",\"message\":\"" + "x".repeat(2 << 20) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        harness.processElement(raw("not json", 10), 0);
        harness.processElement(raw("[1,2]", 11), 0);
        harness.processElement(raw("{\"event\":{\"id\":\"x\"}}", 12), 0);
        harness.processElement(raw("{\"@timestamp\":\"yesterday\"}", 13), 0);
        harness.processElement(raw(twoContainers, 14), 0);
        harness.processElement(raw(textPid, 15), 0);
        harness.processElement(RawEvents.of(huge, "ncwatch.process-events", 1, 16), 0);
        harness.processElement(raw(exec("e6", "2026-11-28T06:12:44Z", CONTAINER, "sh", "sh"), 17), 0);

        assertThat(deadLetters(harness))
                .extracting(l -> l.reason, l -> l.partition, l -> l.offset)
                .containsExactly(
                        tuple("NOT_JSON", 0, 10L),
                        tuple("NOT_AN_OBJECT", 0, 11L),
                        tuple("MISSING_TIMESTAMP", 0, 12L),
                        tuple("BAD_TIMESTAMP", 0, 13L),
                        tuple(DecodeFunction.WRONG_TYPE, 0, 14L),
                        tuple(DecodeFunction.WRONG_TYPE, 0, 15L),
                        tuple("TOO_LARGE", 1, 16L));
        List<DeadLetter> letters = deadLetters(harness);
        assertThat(letters.get(4).detail).isEqualTo("container.id has 2 values, expected one");
        assertThat(letters.get(5).detail).isEqualTo("process.pid is the text \"many\", expected a whole number");
        assertThat(new String(letters.get(0).bytes, StandardCharsets.UTF_8)).isEqualTo("not json");
        assertThat(letters.get(6).bytes).hasSize(DeadLetter.MAX_BYTES);
        assertThat(letters.get(6).size).isEqualTo(huge.length);
        assertThat(events(harness)).extracting(e -> e.eventId).containsExactly("e6");
    }

    @Test
    void eventsWithoutAContainerAreNotKeyedButTheirMatchesStillCount() throws Exception {
        var harness = harness(new DecodeFunction(List.of(rule("any-nc", "process where process.name == \"nc\"")), EqlOptions.ELASTICSEARCH));

        harness.processElement(raw(exec("h1", "2026-11-28T06:12:44Z", null, "nc", "nc", "-l", "80"), 1), 0);
        harness.processElement(raw(exec("h2", "2026-11-28T06:12:44Z", null, "ls", "ls"), 2), 0);

        assertThat(events(harness)).isEmpty();
        assertThat(harness.getSideOutput(DecodeFunction.UNCONTAINED_MATCHES))
                .extracting(r -> r.getValue().eventId, r -> r.getValue().matchedRules[0])
                .containsExactly(tuple("h1", "any-nc"));
    }

    @Test
    void theRulesCompareValuesByTheMappingTheJobWasGiven() throws Exception {
        List<Rule> rule = List.of(rule("loopback-arg", "process where process.args == \"::1\""));
        Path mapping = Files.writeString(dir.resolve("mapping.json"),
                "{\"mappings\": {\"properties\": {\"process\": {\"properties\": {\"args\": {\"type\": \"ip\"}}}}}}");
        String event = exec("e1", "2026-11-28T06:12:44Z", CONTAINER, "ping", "0:0::1");
        var asKeyword = harness(new DecodeFunction(rule, EqlOptions.ELASTICSEARCH));
        var asIp = harness(new DecodeFunction(rule, new EqlOptions(1024, FieldTypes.read(mapping))));

        asKeyword.processElement(raw(event, 1), 0);
        asIp.processElement(raw(event, 1), 0);

        assertThat(events(asKeyword).get(0).matchedRules).isEmpty();
        assertThat(events(asIp).get(0).matchedRules).containsExactly("loopback-arg");
    }

    @Test
    void anEventGoesToTheSequenceStageOncePerRuleAndJoinKeyWithOrWithoutAContainer() throws Exception {
        var harness = harness(new DecodeFunction(List.of(
                rule("by-parent", "sequence by process.parent.name [process where process.name == \"curl\"]"
                        + " [process where process.name == \"sh\"]"),
                rule("own-keys", "sequence [process where process.name == \"curl\"] by process.name"
                        + " [process where true] by process.executable")), EqlOptions.ELASTICSEARCH));

        harness.processElement(raw(exec("h1", "2026-11-28T06:12:44Z", null, "curl", "curl", "-O", "x"), 1), 0);

        assertThat(KeyedHarness.take(harness, DecodeFunction.SEQUENCE_EVENTS))
                .extracting(e -> e.ruleId, e -> List.of(e.joinKeys), e -> e.stages.length, e -> e.eventId, e -> e.offset)
                .containsExactly(
                        tuple("by-parent", List.of("bash"), 1, "h1", 1L),
                        tuple("own-keys", List.of("curl"), 1, "h1", 1L),
                        tuple("own-keys", List.of("/usr/bin/curl"), 1, "h1", 1L));
    }

    @Test
    void aJoinKeyWithSeveralValuesIsADeadLetterForItsRuleAndTheEventGoesOn() throws Exception {
        var harness = harness(new DecodeFunction(List.of(
                rule("by-args", "sequence by process.args [process where process.name == \"curl\"] [process where true]")), EqlOptions.ELASTICSEARCH));

        harness.processElement(raw(exec("e7", "2026-11-28T06:12:44Z", CONTAINER, "curl", "curl", "-O", "x"), 3), 0);

        assertThat(deadLetters(harness)).extracting(l -> l.reason, l -> l.offset).containsExactly(tuple("ARRAY_JOIN_KEY", 3L));
        assertThat(KeyedHarness.take(harness, DecodeFunction.SEQUENCE_EVENTS)).isEmpty();
        assertThat(events(harness)).extracting(e -> e.eventId).containsExactly("e7");
    }
}
