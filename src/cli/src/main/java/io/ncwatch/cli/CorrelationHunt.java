package io.ncwatch.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ncwatch.decode.DecodeLimits;
import io.ncwatch.decode.DecodedEvent;
import io.ncwatch.decode.MalformedEventException;
import io.ncwatch.eql.EqlCompiler;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.eql.analysis.FieldSlots;
import io.ncwatch.eql.parser.ast.Query;
import io.ncwatch.eql.runtime.CompiledQuery;
import io.ncwatch.eql.runtime.CompiledSample;
import io.ncwatch.eql.runtime.CompiledSequence;
import io.ncwatch.eql.runtime.JoinKey;
import io.ncwatch.eql.runtime.ResultPipes;
import io.ncwatch.eql.runtime.Sample;
import io.ncwatch.eql.runtime.SampleCollector;
import io.ncwatch.eql.runtime.SequenceHit;
import io.ncwatch.eql.runtime.SequenceMatch;
import io.ncwatch.eql.runtime.SequenceMatcher;
import io.ncwatch.eql.runtime.SequenceMember;
import io.ncwatch.eql.runtime.SequenceStage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A hunt for what Elasticsearch answers over a whole input rather than per event: a sequence, a sample,
 * or an event query with pipes. One JSON line per result on stdout, as Elasticsearch's response holds
 * them: a sequence or sample as {@code {"join_keys": [...], "events": [{"_source": event}, ...]}}, a
 * missing-event stage as {@code {"missing": true}}; a piped event query's events unchanged.
 *
 * <p>Sequences and piped event queries judge events in Elasticsearch's order ({@link EventOrder});
 * sequences come out in the order of their last event. With a maxspan, the sequences in flight are
 * swept every maxspan of event time, so memory depends on the keys active within maxspan, not on the
 * input's size. Samples keep the first events per join key and filter, as {@link SampleCollector} says.
 */
final class CorrelationHunt {
    private static final JsonFactory JSON = new JsonFactory();

    /** Elasticsearch refuses the query on this event (a join key or tiebreaker with several values). */
    static final class RefusedException extends IOException {
        RefusedException(long lineNumber, String reason) {
            super("line " + lineNumber + ": " + reason + "; Elasticsearch refuses the query on such an event too");
        }
    }

    private record Line(EventOrder.Position position, byte[] bytes) {}

    private record Held(EventOrder.Position last, byte[] json) {}

    private final FieldSlots slots = new FieldSlots();
    private final CompiledSequence sequence;
    private final CompiledSample sample;
    private final CompiledQuery events;
    private final JoinKey tiebreaker;
    private final int maxSamplesPerKey;
    private final long maxSortBytes;
    private final ResultPipes<byte[]> pipes;
    private final HuntPass pass;
    private final String resultName;
    private long results;
    /** Per join key, the sequences in flight. */
    private final Map<List<Object>, SequenceMatcher<Line>> matchers = new HashMap<>();
    private final long maxspan;
    /** Whether the sequence ends with a missing-event stage, so its matches wait for time to decide them. */
    private final boolean trailingMissing;
    /** Matches waiting until every earlier one is decided, earliest last event first. */
    private final PriorityQueue<Held> held = new PriorityQueue<>(Comparator.comparing(Held::last, EventOrder.ORDER));

    /**
     * @param query a sequence, a sample, or an event query with pipes
     * @param tiebreaker the field that orders events of equal {@code @timestamp}, or null
     */
    CorrelationHunt(Query query, EqlOptions options, String tiebreaker, int maxSamplesPerKey, long maxSortBytes,
            DecodeLimits limits, boolean decodeAll, PrintStream progress, Duration progressEvery) {
        EqlCompiler compiler = new EqlCompiler(slots, options);
        this.sequence = query instanceof Query.SequenceQuery s ? compiler.compileSequence(s) : null;
        this.sample = query instanceof Query.SampleQuery s ? compiler.compileSample(s) : null;
        this.events = query instanceof Query.EventQuery e ? compiler.compile(new Query.EventQuery(e.category(), e.condition())) : null;
        this.tiebreaker = tiebreaker == null ? null : new JoinKey(tiebreaker, slots.slotOf(tiebreaker), true);
        this.maxSamplesPerKey = maxSamplesPerKey;
        this.maxSortBytes = maxSortBytes;
        this.pipes = EqlCompiler.pipes(query);
        this.maxspan = sequence == null || sequence.maxspan() == null ? -1 : sequence.maxspan().toMillis();
        this.trailingMissing = sequence != null && sequence.stages().get(sequence.stages().size() - 1).missing();
        this.resultName = sequence != null ? "sequences" : sample != null ? "samples" : "matched";
        this.pass = new HuntPass(slots, sequence != null ? sequence.requiredText() : sample != null
                ? sample.requiredText() : events.requiredText(), limits, decodeAll, progress, progressEvery,
                () -> String.format(Locale.ROOT, "%,d %s", results, resultName));
    }

    void run(InputStream in, OutputStream out) throws IOException {
        if (sample != null) {
            runSample(in, out);
        } else {
            try (EventOrder order = new EventOrder(maxSortBytes)) {
                pass.run(in, (lineNumber, event, bytes, offset, length) -> {
                    if (matters(lineNumber, event)) {
                        EventOrder.Position position = new EventOrder.Position(event.timestampMillis(),
                                tiebreakerOf(lineNumber, event), lineNumber);
                        order.add(position, bytes, offset, length);
                    }
                }, out);
                if (sequence != null) {
                    replaySequence(order, out);
                } else {
                    order.replay((position, line) -> {
                        emit(line, out);
                        return !pipes.isSaturated();
                    });
                }
            }
        }
        write(pipes.finish(), out);
        HuntPass.flush(out);
    }

    List<String> summary() {
        return pass.summary();
    }

    private void runSample(InputStream in, OutputStream out) throws IOException {
        SampleCollector<byte[]> collector = sample.collector(maxSamplesPerKey);
        pass.run(in, (lineNumber, event, bytes, offset, length) -> {
            for (SequenceHit hit : hits(lineNumber, event)) {
                collector.accept(hit, Arrays.copyOfRange(bytes, offset, offset + length));
            }
        }, out);
        for (Sample<byte[]> found : collector.samples()) {
            emit(json(found.joinKey(), found.events()), out);
        }
    }

    private boolean matters(long lineNumber, DecodedEvent event) throws RefusedException {
        return sequence != null ? !hits(lineNumber, event).isEmpty() : events.matches(event);
    }

    private List<SequenceHit> hits(long lineNumber, DecodedEvent event) throws RefusedException {
        try {
            return sequence != null ? sequence.hits(event) : sample.hits(event);
        } catch (IllegalArgumentException e) {
            throw new RefusedException(lineNumber, e.getMessage());
        }
    }

    private Object tiebreakerOf(long lineNumber, DecodedEvent event) throws RefusedException {
        try {
            return tiebreaker == null ? null : tiebreaker.valueIn(event);
        } catch (IllegalArgumentException e) {
            throw new RefusedException(lineNumber, e.getMessage().replace("join keys", "a tiebreaker"));
        }
    }

    private void replaySequence(EventOrder order, OutputStream out) throws IOException {
        long[] sweptTo = {Long.MIN_VALUE};
        order.replay((position, bytes) -> {
            long timestamp = position.timestamp();
            if (maxspan >= 0 && timestamp - maxspan > sweptTo[0]) {
                sweptTo[0] = timestamp - 1;
                sweep(sweptTo[0], out);
            }
            for (SequenceHit hit : sequence.hits(decodeAgain(bytes))) {
                SequenceMatcher<Line> matcher = matchers.computeIfAbsent(hit.joinKey(), key -> sequence.matcher());
                found(hit.joinKey(), matcher.accept(hit, timestamp, new Line(position, bytes)), out);
            }
            return !pipes.isSaturated();
        });
        sweep(Long.MAX_VALUE, out);
    }

    /**
     * No event at or before {@code timestamp} follows: frees what can no longer match, and writes the
     * sequences held for their trailing missing-event stages that are now decided, in the order of their
     * last event (every one is decided by maxspan after its last event).
     */
    private void sweep(long timestamp, OutputStream out) throws IOException {
        for (Iterator<Map.Entry<List<Object>, SequenceMatcher<Line>>> it = matchers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<List<Object>, SequenceMatcher<Line>> entry = it.next();
            found(entry.getKey(), entry.getValue().advanceTo(timestamp), out);
            if (entry.getValue().isEmpty()) {
                it.remove();
            }
        }
        while (!held.isEmpty() && (timestamp == Long.MAX_VALUE || held.peek().last().timestamp() <= timestamp - maxspan)) {
            emit(held.poll().json(), out);
        }
    }

    private void found(List<Object> joinKey, List<SequenceMatch<Line>> matches, OutputStream out) throws IOException {
        for (SequenceMatch<Line> match : matches) {
            List<byte[]> members = new ArrayList<>();
            Iterator<SequenceMember<Line>> taken = match.members().iterator();
            for (SequenceStage stage : sequence.stages()) {
                for (int run = 0; run < stage.runs(); run++) {
                    members.add(stage.missing() ? null : taken.next().payload().bytes());
                }
            }
            byte[] json = json(joinKey, members);
            if (trailingMissing) {
                held.add(new Held(match.members().get(match.members().size() - 1).payload().position(), json));
            } else {
                emit(json, out);
            }
        }
    }

    private void emit(byte[] result, OutputStream out) throws IOException {
        results++;
        write(pipes.offer(result), out);
    }

    private static void write(List<byte[]> lines, OutputStream out) throws HuntPass.OutputClosedException {
        try {
            for (byte[] line : lines) {
                out.write(line);
                out.write('\n');
            }
        } catch (IOException e) {
            throw new HuntPass.OutputClosedException(e);
        }
    }

    private DecodedEvent decodeAgain(byte[] line) throws IOException {
        try {
            return pass.decode(line);
        } catch (MalformedEventException e) {
            throw new IOException("an event that decoded once did not decode again: " + e.getMessage(), e);
        }
    }

    /** {@code {"join_keys": [...], "events": [{"_source": ...}, {"missing": true}, ...]}}; a null event is missing. */
    private static byte[] json(List<Object> joinKey, List<byte[]> events) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeArrayFieldStart("join_keys");
            for (Object value : joinKey) {
                if (value == null) {
                    json.writeNull();
                } else if (value instanceof Long l) {
                    json.writeNumber(l);
                } else if (value instanceof Double d) {
                    json.writeNumber(d);
                } else if (value instanceof Boolean b) {
                    json.writeBoolean(b);
                } else {
                    json.writeString(value.toString());
                }
            }
            json.writeEndArray();
            json.writeArrayFieldStart("events");
            for (byte[] event : events) {
                json.writeStartObject();
                if (event == null) {
                    json.writeBooleanField("missing", true);
                } else {
                    json.writeFieldName("_source");
                    json.writeRawValue(new String(event, StandardCharsets.UTF_8));
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return bytes.toByteArray();
    }
}
