package io.ncwatch.bench;

import io.ncwatch.decode.ContainerEventFields;
import io.ncwatch.decode.DecodeLimits;
import io.ncwatch.decode.DecodedEvent;
import io.ncwatch.decode.EventDecoder;
import io.ncwatch.decode.MalformedEventException;
import io.ncwatch.decode.RawEvents;
import io.ncwatch.decode.SequenceEvents;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.RawEvent;
import io.ncwatch.record.SequenceEvent;
import io.ncwatch.rules.RuleSet;
import io.ncwatch.rules.SequenceRule;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The decode step of the job with sequence rules (what {@code DecodeFunction} does to an event, without
 * Flink: decode, judge by the single-event rules, then by the sequence rules the raw bytes leave possible)
 * over the fleet generator's traffic (as {@link DecodeBenchmark}), with the seed rule and 0, 1 or 9 of the
 * benchmark's sequence rules, which almost no ordinary event matches a stage of. Scores are events per
 * second, and per event the sequence rules it was judged by ({@link Judged}); the claim is that 1 and 9
 * score alike. Run with {@code bin/jmh SequenceDecodeBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OperationsPerInvocation(DecodeBenchmark.EVENTS)
public class SequenceDecodeBenchmark {
    @Param({"0", "1", "9"})
    public int sequenceRules;

    private RawEvent[] raw;
    private EventDecoder decoder;
    private SequenceEvents sequences;
    private int records;

    @Setup
    public void setUp() {
        RuleSet rules = RuleSet.compile(BenchRules.seedAndSequences(sequenceRules), EqlOptions.ELASTICSEARCH);
        decoder = new EventDecoder(rules, DecodeLimits.DEFAULT);
        sequences = new SequenceEvents(rules);
        byte[][] events = Traffic.generate(10_000, DecodeBenchmark.EVENTS, 1).partitions()[0];
        raw = new RawEvent[events.length];
        for (int i = 0; i < events.length; i++) {
            raw[i] = RawEvents.of(events[i], "bench", 0, i);
        }
    }

    /**
     * What the time hides on a busy machine: events decoded, and sequence rules they were judged by (an
     * event holding no needle of any sequence rule adds none, however many rules).
     */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Judged {
        public long events;
        public long sequenceJudgements;
    }

    @Benchmark
    public int decode(Judged judged) throws MalformedEventException, ContainerEventFields.WrongTypeException {
        int matches = 0;
        for (RawEvent event : raw) {
            ContainerEvent into = new ContainerEvent();
            List<SequenceRule> candidates = sequences.candidates(event.json);
            judged.events++;
            judged.sequenceJudgements += candidates.size();
            DecodedEvent decoded = decoder.decode(event.json, into, !candidates.isEmpty());
            if (!candidates.isEmpty()) {
                sequences.judge(candidates, event, decoded, into.eventId, this::count, (reason, detail) -> {});
            }
            matches += into.matchedRules.length;
        }
        return matches + records;
    }

    private void count(SequenceEvent record) {
        records++;
    }
}
