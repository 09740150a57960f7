package io.ncwatch.eql.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    @Test
    void anEventMatchingSeveralStagesFillsEachButNeverTwoOfOneSequence() {
        SequenceRun run = new SequenceRun("""
                sequence by host.id
                  [process where process.name : ("a", "ab")]
                  [process where process.name : ("b", "ab")]""")
                .event("x1", 1000, process("h1", "ab"))
                .event("x2", 2000, process("h1", "ab"));
        assertEquals(List.of(List.of("x1", "x2")), run.matches());
    }

    @Test
    void anAnyWhereStageTakesEventsOfEveryCategoryAndWithoutOne() {
        SequenceRun run = new SequenceRun("""
                sequence by host.id
                  [any where process.name == "a"]
                  [any where process.name == "b"]""")
                .event("a1", 1000, "host.id", "h1", "process.name", "a")
                .event("b1", 2000, "event.category", "network", "host.id", "h1", "process.name", "b");
        assertEquals(List.of(List.of("a1", "b1")), run.matches());
    }

    @Test
    void eventsWithEqualTimestampsFormASequenceInArrivalOrder() {
        SequenceRun run = new SequenceRun(A_THEN_B)
                .event("b0", 1000, process("h1", "b"))
                .event("a1", 1000, process("h1", "a"))
                .event("b1", 1000, process("h1", "b"));
        assertEquals(List.of(List.of("a1", "b1")), run.matches());
    }

    @Test
    void runsRepeatAStageWithConsecutiveEvents() {
        SequenceRun run = new SequenceRun("""
                sequence by host.id
                  [process where process.name == "a"] with runs=3
                  [process where process.name == "b"]""")
                .event("a1", 1000, process("h1", "a"))
                .event("a2", 2000, process("h1", "a"))
                .event("b1", 3000, process("h1", "b"))
                .event("a3", 4000, process("h1", "a"))
                .event("a4", 5000, process("h1", "a"))
                .event("a5", 6000, process("h1", "a"))
                .event("b2", 7000, process("h1", "b"));
        assertEquals(List.of(List.of("a3", "a4", "a5", "b2")), run.matches());
    }

    @Test
    void anUntilEventThatFillsAStageDiscardsWhatItFilledButNotWhatItCompletes() {
        String query = """
                sequence by host.id
                  [process where process.name == "a"]
                  [process where process.name == "b"]
                  [process where process.name == "c"]
                until [process where process.args == "stop"]""";
        SequenceRun extended = new SequenceRun(query)
                .event("a1", 1000, process("h1", "a"))
                .event("b1", 2000, "event.category", "process", "host.id", "h1", "process.name", "b", "process.args", "stop")
                .event("c1", 3000, process("h1", "c"));
        SequenceRun completed = new SequenceRun(query)
                .event("a1", 1000, process("h1", "a"))
                .event("b1", 2000, process("h1", "b"))
                .event("c1", 3000, "event.category", "process", "host.id", "h1", "process.name", "c", "process.args", "stop");
        assertEquals(List.of(), extended.matches());
        assertEquals(List.of(List.of("a1", "b1", "c1")), completed.matches());
    }

    @Test
    void aSingleStageWithRunsMatchesEveryRunOfConsecutiveEvents() {
        SequenceRun run = new SequenceRun("""
                sequence by host.id with maxspan=10s
                  [process where process.name == "a"] with runs=3""")
                .event("a1", 1000, process("h1", "a"))
                .event("a2", 2000, process("h1", "a"))
                .event("b1", 2500, process("h1", "b"))
                .event("a3", 3000, process("h1", "a"))
                .event("a4", 4000, process("h1", "a"));
        assertEquals(List.of(List.of("a1", "a2", "a3"), List.of("a2", "a3", "a4")), run.matches());
    }

    @Test
    void untilWithinRunsDiscardsTheRun() {
        SequenceRun run = new SequenceRun("""
                sequence by host.id
                  [process where process.name == "a"] with runs=2
                  [process where process.name == "b"]
                until [process where process.name == "stop"]""")
                .event("a1", 1000, process("h1", "a"))
                .event("s1", 1500, process("h1", "stop"))
                .event("a2", 2000, process("h1", "a"))
                .event("b1", 3000, process("h1", "b"));
        assertEquals(List.of(), run.matches());
    }

    @Test
    void aMissingEventBetweenTwoStagesRejectsTheSequenceOnlyWhenStrictlyBetweenThem() {
        String query = """
                sequence by host.id with maxspan=1m
                  [process where process.name == "a"]
                 ![process where process.name == "x"]
                  [process where process.name == "b"]""";
        SequenceRun between = new SequenceRun(query)
                .event("a1", 1000, process("h1", "a"))
                .event("x1", 2000, process("h1", "x"))
                .event("b1", 3000, process("h1", "b"));
        SequenceRun sameTimeAsNext = new SequenceRun(query)
                .event("a1", 1000, process("h1", "a"))
                .event("x1", 3000, process("h1", "x"))
                .event("b1", 3000, process("h1", "b"));
        SequenceRun otherKey = new SequenceRun(query)
                .event("a1", 1000, process("h1", "a"))
                .event("x1", 2000, process("h2", "x"))
                .event("b1", 3000, process("h1", "b"));
        assertEquals(List.of(), between.matches());
        assertEquals(List.of(List.of("a1", "b1")), sameTimeAsNext.matches());
        assertEquals(List.of(List.of("a1", "b1")), otherKey.matches());
    }

    @Test
    void aLeadingMissingEventRejectsWhenWithinMaxspanOfTheLastEvent() {
        String query = """
                sequence by host.id with maxspan=10s
                 ![process where process.name == "x"]
                  [process where process.name == "a"]
                  [process where process.name == "b"]""";
        SequenceRun near = new SequenceRun(query)
                .event("x1", 1000, process("h1", "x"))
                .event("a1", 5000, process("h1", "a"))
                .event("b1", 11_000, process("h1", "b"));
        SequenceRun far = new SequenceRun(query)
                .event("x1", 1000, process("h1", "x"))
                .event("a1", 5000, process("h1", "a"))
                .event("b1", 11_001, process("h1", "b"));
        assertEquals(List.of(), near.matches());
        assertEquals(List.of(List.of("a1", "b1")), far.matches());
    }

    @Test
    void aLeadingMissingEventAtTheFirstEventsTimestampDoesNotCountButAnEarlierOneDoes() {
        String query = """
                sequence by host.id with maxspan=10s
                 ![process where process.name == "x"]
                  [process where process.name == "a"]
                  [process where process.name == "b"]""";
        SequenceRun sameTime = new SequenceRun(query)
                .event("x1", 5000, process("h1", "x"))
                .event("a1", 5000, process("h1", "a"))
                .event("b1", 6000, process("h1", "b"));
        SequenceRun earlierToo = new SequenceRun(query)
                .event("x0", 4000, process("h1", "x"))
                .event("x1", 5000, process("h1", "x"))
                .event("a1", 5000, process("h1", "a"))
                .event("b1", 6000, process("h1", "b"));
        assertEquals(List.of(List.of("a1", "b1")), sameTime.matches());
        assertEquals(List.of(), earlierToo.matches());
    }

    @Test
    void aTrailingMissingStageConfirmsOnceMaxspanHasPassedSinceTheFirstEvent() {
        String query = """
                sequence by host.id with maxspan=10s
                  [process where process.name == "a"]
                  [process where process.name == "b"]
                 ![process where process.name == "x"]""";
        SequenceRun killed = new SequenceRun(query)
                .event("a1", 1000, process("h1", "a"))
                .event("b1", 2000, process("h1", "b"))
                .event("x1", 11_000, process("h1", "x"));
        SequenceRun late = new SequenceRun(query)
                .event("a1", 1000, process("h1", "a"))
                .event("b1", 2000, process("h1", "b"))
                .advanceTo(10_999);
        assertEquals(List.of(), killed.matches());
        assertEquals(List.of(), late.matchesSoFar());
        late.advanceTo(11_000).event("x1", 11_001, process("h1", "x"));
        assertEquals(List.of(List.of("a1", "b1")), late.matches());
    }

    @Test
    void aNullJoinKeyKeepsTheEventOutUnlessTheKeyIsOptional() {
        SequenceRun required = new SequenceRun(A_THEN_B)
                .event("a1", 1000, "event.category", "process", "process.name", "a")
                .event("b1", 2000, "event.category", "process", "process.name", "b");
        SequenceRun optional = new SequenceRun("""
                sequence by ?host.id
                  [process where process.name == "a"]
                  [process where process.name == "b"]""")
                .event("a1", 1000, "event.category", "process", "process.name", "a")
                .event("b1", 2000, "event.category", "process", "process.name", "b");
        assertEquals(List.of(), required.matches());
        assertEquals(List.of(List.of("a1", "b1")), optional.matches());
    }

    @Test
    void anArrayOfSeveralValuesAsJoinKeyIsRefusedAsElasticsearchRefusesTheQuery() {
        SequenceRun run = new SequenceRun(A_THEN_B);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> run.event("a1", 1000, "event.category", "process", "host.id", List.of("h1", "h2"),
                        "process.name", "a"));
        assertEquals("Arrays (returned by [host.id]) are not supported as join keys", refused.getMessage());
        run.event("a2", 2000, "event.category", "process", "host.id", List.of("h1"), "process.name", "a")
                .event("b2", 3000, process("h1", "b"));
        assertEquals(List.of(List.of("a2", "b2")), run.matches());
    }

    @Test
    void perStageKeysJoinPositionallyAcrossFields() {
        SequenceRun run = new SequenceRun("""
                sequence by host.id
                  [process where process.name == "a"] by process.entity_id
                  [network where true] by process.parent.entity_id
                  [any where file.name == "f"] by user.id""")
                .event("a1", 1000, "event.category", "process", "host.id", "h1", "process.name", "a",
                        "process.entity_id", "p1")
                .event("n0", 1500, "event.category", "network", "host.id", "h1", "process.parent.entity_id", "p9")
                .event("n1", 2000, "event.category", "network", "host.id", "h1", "process.parent.entity_id", "p1")
                .event("f1", 3000, "event.category", "file", "host.id", "h1", "file.name", "f", "user.id", "p1");
        assertEquals(List.of(List.of("a1", "n1", "f1")), run.matches());
    }
}
