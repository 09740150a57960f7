package io.ncwatch.bench;

import com.fasterxml.jackson.core.JsonFactory;
import io.ncwatch.decode.ContainerEventFields;
import io.ncwatch.decode.DecodeLimits;
import io.ncwatch.decode.DecodedEvent;
import io.ncwatch.decode.EcsDecoder;
import io.ncwatch.decode.EventDecoder;
import io.ncwatch.decode.MalformedEventException;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.record.ContainerEvent;
import io.ncwatch.rules.RuleSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The decode step of the job (what {@code DecodeFunction} does to an event, without Flink) over the fleet
 * generator's traffic (seed 42, 10,000 containers), one thread; scores are events per second. Run with
 * {@code bin/jmh DecodeBenchmark}.
 * <ul>
 *   <li>{@code decodeAll}: every event fully decoded by {@link EcsDecoder} (the rule's and the per-container
 *       stages' fields), copied into a {@link ContainerEvent}, judged by the seed rule: the step before
 *       issue 11;
 *   <li>{@code decodeLess}: the step now, {@link EventDecoder}: events the raw prefilter lets through as
 *       above, the others read by its raw scan and not judged;
 *   <li>{@code jacksonTokenizing}: the floor, Jackson reading every token of the same bytes.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OperationsPerInvocation(DecodeBenchmark.EVENTS)
public class DecodeBenchmark {
    static final int EVENTS = 20_000;

    private byte[][] raw;
    private RuleSet rules;
    private ContainerEventFields fields;
    private EcsDecoder decoder;
    private EventDecoder eventDecoder;
    private final JsonFactory jackson = new JsonFactory();

    @Setup
    public void setUp() {
        rules = RuleSet.compile(BenchRules.seed(), EqlOptions.ELASTICSEARCH);
        eventDecoder = new EventDecoder(rules, DecodeLimits.DEFAULT);
        fields = new ContainerEventFields(rules.slots());
        decoder = new EcsDecoder(rules.slots(), DecodeLimits.DEFAULT);
        raw = Traffic.generate(10_000, EVENTS, 1).partitions()[0];
    }

    @Benchmark
    public int decodeAll() throws MalformedEventException, ContainerEventFields.WrongTypeException {
        int matches = 0;
        for (byte[] json : raw) {
            DecodedEvent event = decoder.decode(json, 0, json.length);
            fields.copy(event, new ContainerEvent());
            matches += rules.matching(event).length;
        }
        return matches;
    }

    @Benchmark
    public int decodeLess() throws MalformedEventException, ContainerEventFields.WrongTypeException {
        int matches = 0;
        for (byte[] json : raw) {
            ContainerEvent event = new ContainerEvent();
            eventDecoder.decode(json, event, false);
            matches += event.matchedRules.length;
        }
        return matches;
    }

    @Benchmark
    public long jacksonTokenizing() {
        long tokens = 0;
        for (byte[] json : raw) {
            tokens += JacksonBaseline.tokenize(jackson, json);
        }
        return tokens;
    }
}
