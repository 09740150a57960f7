package io.ncwatch.bench;

import com.fasterxml.jackson.core.JsonFactory;
import io.ncwatch.decode.DecodeLimits;
import io.ncwatch.decode.DecodedEvent;
import io.ncwatch.decode.EcsDecoder;
import io.ncwatch.decode.MalformedEventException;
import io.ncwatch.decode.RawPrefilter;
import io.ncwatch.eql.analysis.FieldSlots;
import io.ncwatch.eql.runtime.CompiledQuery;
import java.util.List;
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
 * The seed rule ({@code jobs/netcat-listener/rule.toml}, compiled by EqlCompiler) over
 * {@link ProcessEventMix}, one thread; scores are events per second. Run from the project's root with
 * {@code bin/jmh SeedRuleBenchmark} ({@code bin/jmh --quick SeedRuleBenchmark} for a short check).
 * <ul>
 *   <li>{@code predicate}: the compiled rule over already decoded events;
 *   <li>{@code fromRawBytes}: from raw JSON, the prefilter, then decoding only the rule's fields of the
 *       events it lets through, then the rule;
 *   <li>{@code jacksonTokenizing}: the baseline, Jackson reading every token of the same bytes.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OperationsPerInvocation(SeedRuleBenchmark.EVENTS)
public class SeedRuleBenchmark {
    /**
     * Two listeners among 2,000 events. Few enough that the decoded events of {@code predicate} stay in
     * the CPU caches, as an event's values are when the job judges it right after decoding it; 20,000
     * decoded events (12 MB of small objects) would measure memory latency instead.
     */
    static final int EVENTS = 2_000;

    private byte[][] raw;
    private DecodedEvent[] decoded;
    private CompiledQuery rule;
    private RawPrefilter prefilter;
    private EcsDecoder decoder;
    private final JsonFactory jackson = new JsonFactory();

    @Setup
    public void setUp() throws MalformedEventException {
        FieldSlots slots = new FieldSlots();
        rule = SeedRule.compile(slots);
        prefilter = new RawPrefilter(rule.requiredText());
        decoder = new EcsDecoder(slots, DecodeLimits.DEFAULT);
        List<byte[]> events = ProcessEventMix.events(1, EVENTS);
        raw = events.toArray(byte[][]::new);
        decoded = new DecodedEvent[raw.length];
        for (int i = 0; i < raw.length; i++) {
            decoded[i] = decoder.decode(raw[i], 0, raw[i].length);
        }
    }

    @Benchmark
    public int predicate() {
        int matches = 0;
        for (DecodedEvent event : decoded) {
            if (rule.matches(event)) {
                matches++;
            }
        }
        return matches;
    }

    @Benchmark
    public int fromRawBytes() throws MalformedEventException {
        int matches = 0;
        for (byte[] event : raw) {
            if (prefilter.mayMatch(event, 0, event.length) && rule.matches(decoder.decode(event, 0, event.length))) {
                matches++;
            }
        }
        return matches;
    }

    @Benchmark
    public long jacksonTokenizing() {
        long tokens = 0;
        for (byte[] event : raw) {
            tokens += JacksonBaseline.tokenize(jackson, event);
        }
        return tokens;
    }
}
