package io.ncwatch.bench;

import io.ncwatch.context.ContextSettings;
import io.ncwatch.correlate.CorrelationChain;
import io.ncwatch.correlate.CorrelationSettings;
import io.ncwatch.decode.DecodeFunction;
import io.ncwatch.decode.RawEvents;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.job.JobRules;
import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.EventTypes;
import io.ncwatch.rules.Rule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/**
 * State bytes per container and per tracked process, as a checkpoint writes them: the generated traffic
 * is decoded by the job's {@link DecodeFunction} and fed, with watermarks 5 s behind the newest event as
 * the job makes them, to the job's per-container stages ({@link CorrelationChain}: the same context,
 * listener gate and CEP operator, heap backend); then the stages are snapshotted. Every byte of the snapshot
 * (process tables, listener windows, candidates waiting for the watermark, partial matches, timers, key groups) is
 * divided by the containers that hold state and, separately, by the processes the tables hold at that
 * moment (counted by replaying the table's rules: a start adds a process, an end marks it, and the
 * 30 s release grace after the end removes it) — so both figures are upper bounds.
 */
final class StateSize {
    private static final long OUT_OF_ORDERNESS = 5_000;
    private static final ContextSettings CONTEXT = ContextSettings.from(new Configuration());
    private static final CorrelationSettings CORRELATION = CorrelationSettings.from(new Configuration());
    private static final long GRACE = CONTEXT.releaseGrace().toMillis();

    record Result(long events, long bytes, long containers, long processes) {
        double perContainer() {
            return (double) bytes / containers;
        }

        double perProcess() {
            return (double) bytes / processes;
        }
    }

    private StateSize() {}

    static Result measure(Traffic traffic, List<Rule> rules, long maxEvents) throws Exception {
        long empty;
        try (var chain = chain(rules)) {
            empty = chain.snapshotBytes(1);
        }
        Map<String, Map<String, Long>> tables = new HashMap<>();
        long events = 0;
        long newest = Long.MIN_VALUE;
        try (var decode = ProcessFunctionTestHarnesses.forProcessFunction(new DecodeFunction(rules, EqlOptions.ELASTICSEARCH));
                var chain = chain(rules)) {
            for (byte[] json : traffic.all()) {
                if (events++ == maxEvents) {
                    break;
                }
                decode.processElement(RawEvents.of(json, MemorySource.TOPIC, 0, events), 0);
                for (ContainerEvent event : decode.extractOutputValues()) {
                    chain.send(event);
                    track(tables, event);
                    newest = Math.max(newest, event.timestamp);
                }
                decode.getOutput().clear();
                if (events % 1000 == 0) {
                    chain.watermark(newest - OUT_OF_ORDERNESS);
                    release(tables, newest - OUT_OF_ORDERNESS);
                }
            }
            long bytes = chain.snapshotBytes(2) - empty;
            long processes = tables.values().stream().mapToLong(Map::size).sum();
            return new Result(Math.min(events, maxEvents), bytes, tables.size(), processes);
        }
    }

    private static CorrelationChain chain(List<Rule> rules) throws Exception {
        return new CorrelationChain(JobRules.listenerRules(CORRELATION, rules), CONTEXT, CORRELATION.window());
    }

    /** What the process table does with the event: entity id to end time (0 while running). */
    private static void track(Map<String, Map<String, Long>> tables, ContainerEvent event) {
        if (event.processEntityId == null) {
            return;
        }
        if (EventTypes.isProcessStart(event)) {
            tables.computeIfAbsent(event.containerId, c -> new HashMap<>()).put(event.processEntityId, 0L);
        } else if (EventTypes.isProcessEnd(event)) {
            tables.computeIfAbsent(event.containerId, c -> new HashMap<>()).put(event.processEntityId, event.timestamp);
        }
    }

    private static void release(Map<String, Map<String, Long>> tables, long watermark) {
        tables.values().forEach(table -> table.values().removeIf(end -> end != 0 && roundUp(end + GRACE) <= watermark));
        tables.values().removeIf(Map::isEmpty);
    }

    private static long roundUp(long millis) {
        return -Math.floorDiv(-millis, 1000L) * 1000L;
    }
}
