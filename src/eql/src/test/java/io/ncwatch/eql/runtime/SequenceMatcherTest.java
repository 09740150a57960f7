package io.ncwatch.eql.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Elasticsearch's sequence verdicts, on events written for each rule. */
class SequenceMatcherTest {
    private static final String A_THEN_B = """
            sequence by host.id with maxspan=10s
              [process where process.name == "a"]
              [process where process.name == "b"]""";

    private static Object[] process(String host, String name) {
        return new Object[] {"event.category", "process", "host.id", host, "process.name", name};
    }

    @Test
    void stagesMatchInOrderPerJoinKey() {
        SequenceRun run = new SequenceRun(A_THEN_B)
                .event("b0", 1000, process("h1", "b"))
                .event("a1", 2000, process("h1", "a"))
                .event("a2", 2500, process("h2", "a"))
                .event("b1", 3000, process("h1", "b"));
        assertEquals(List.of(List.of("a1", "b1")), run.matches());
    }

    @Test
    void anEventExtendsTheMostRecentSequenceAndOlderOnesAreDropped() {
        SequenceRun run = new SequenceRun(A_THEN_B)
                .event("a1", 1000, process("h1", "a"))
                .event("a2", 2000, process("h1", "a"))
                .event("b1", 3000, process("h1", "b"))
                .event("b2", 4000, process("h1", "b"));
        assertEquals(List.of(List.of("a2", "b1")), run.matches());
    }

    @Test
    void maxspanAcceptsExactlyMaxspanAndRejectsMore() {
        SequenceRun exact = new SequenceRun(A_THEN_B)
                .event("a1", 1000, process("h1", "a"))
                .event("b1", 11_000, process("h1", "b"));
        SequenceRun over = new SequenceRun(A_THEN_B)
                .event("a1", 1000, process("h1", "a"))
                .event("b1", 11_001, process("h1", "b"));
        assertEquals(List.of(List.of("a1", "b1")), exact.matches());
        assertEquals(List.of(), over.matches());
    }

    @Test
    void untilDiscardsTheSequencesInFlight() {
        SequenceRun run = new SequenceRun("""
                sequence by host.id
                  [process where process.name == "a"]
                  [process where process.name == "b"]
                until [process where process.name == "stop"]""")
                .event("a1", 1000, process("h1", "a"))
                .event("s1", 2000, process("h1", "stop"))
                .event("b1", 3000, process("h1", "b"))
                .event("a2", 4000, process("h1", "a"))
                .event("b2", 5000, process("h1", "b"));
        assertEquals(List.of(List.of("a2", "b2")), run.matches());
    }

    @Test
    void expiryFreesSequencesPastMaxspanAndTheStateRestores() {
        SequenceRun run = new SequenceRun(A_THEN_B).event("a1", 1000, process("h1", "a"));
        SequenceMatcher<String> matcher = run.matcher(List.of("h1"));
        SequenceState<String> state = matcher.state();
        assertEquals(List.of("a1"), state.partials().get(0).members().stream().map(SequenceMember::payload).toList());

        SequenceMatcher<String> restored = run.sequence.matcher(state);
        SequenceHit b = new SequenceHit(List.of("h1"), List.of(1), false);
        assertEquals(List.of("a1", "b1"), restored.accept(b, 5000, "b1").get(0).members().stream()
                .map(SequenceMember::payload).toList());

        matcher.advanceTo(10_999);
        assertTrue(!matcher.isEmpty());
        matcher.advanceTo(11_000);
        assertTrue(matcher.isEmpty());
    }
}
