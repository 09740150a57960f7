package io.ncwatch.context;

import io.ncwatch.record.Ancestor;
import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.EventTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;

/**
 * The process table of the current container (keyed state): entity id to {@link ProcessInfo}, filled
 * from every process start, released {@code releaseGrace} of event time after a process ends, forgotten
 * when not read or written for {@code ttl} of processing time (for processes whose end never arrives),
 * and held to {@code maxProcesses} by evicting the oldest. When the last entry goes, the container holds
 * no table state and no timer at all.
 *
 * <p>Idle processes are found by one processing-time timer per container, not by Flink's state TTL:
 * TTL's incremental cleanup on the heap backend copies whole tables on every state access. The timer is
 * registered when the table gets its first entry and, when it fires, for the next process due; a use only
 * moves a process's deadline later, so the timer never needs moving on the hot path. Checks fall on
 * multiples of {@code ttl / 64}: a container's timer fires at most once per such step, and a process is
 * forgotten at most that much after its {@code ttl}.
 *
 * <p>Releases work the same way in event time: a container has one release timer, for its earliest due
 * end, registered again for the next one when it fires. A timer per ended process would fill the timer
 * heap with one entry per end of the whole fleet, and advancing the watermark through it costs more than
 * the table itself.
 */
final class ProcessTable {
    private final long ttl;
    private final long idleCheckStep;
    private final long releaseGrace;
    private final int maxProcesses;
    private final MapState<String, ProcessInfo> processes;
    private final ValueState<ProcessTableBook> book;
    private final Counter evicted;

    ProcessTable(RuntimeContext runtime, Duration ttl, Duration releaseGrace, int maxProcesses, Counter evicted) {
        this.ttl = ttl.toMillis();
        this.idleCheckStep = Math.max(1, this.ttl / 64);
        this.releaseGrace = releaseGrace.toMillis();
        this.maxProcesses = maxProcesses;
        this.evicted = evicted;
        this.processes = runtime.getMapState(
                new MapStateDescriptor<>("processes", Types.STRING, TypeInformation.of(ProcessInfo.class)));
        this.book = runtime.getState(
                new ValueStateDescriptor<>("process-table-book", TypeInformation.of(ProcessTableBook.class)));
    }

    /** The event's ancestry from the table; the processes read count as used. */
    Ancestor[] ancestry(ContainerEvent event, TimerService timers) throws Exception {
        long now = timers.currentProcessingTime();
        return Ancestry.of(event, entityId -> {
            ProcessInfo info = processes.get(entityId);
            if (info != null) {
                info.lastUse = now;
                processes.put(entityId, info);
            }
            return info;
        });
    }

    /** Whether {@link #record} changes the table for {@code event}: a process start or end with an entity id. */
    static boolean records(ContainerEvent event) {
        return event.processEntityId != null && (EventTypes.isProcessStart(event) || EventTypes.isProcessEnd(event));
    }

    /**
     * Records a process start (fork or exec: an exec replaces the image of a known process) or end, with
     * the timers it needs: the end's release (event time) and the table's idle check (processing time).
     */
    void record(ContainerEvent event, TimerService timers) throws Exception {
        if (!records(event)) {
            return;
        }
        boolean start = EventTypes.isProcessStart(event);
        ProcessInfo known = processes.get(event.processEntityId);
        ProcessInfo info;
        if (start || known == null) {
            info = ProcessInfo.of(event);
            if (known != null && info.parentEntityId == null) {
                info.parentEntityId = known.parentEntityId;
            }
        } else {
            info = known;
        }
        long now = timers.currentProcessingTime();
        info.lastUse = now;
        ProcessTableBook current = bookOrNew();
        if (known == null) {
            current.size++;
        }
        if (!start) {
            info.end = event.timestamp;
            long releaseAt = roundUp(event.timestamp + releaseGrace, 1000);
            if (current.nextRelease == 0 || releaseAt < current.nextRelease) {
                // a later timer still registered fires as well and finds nothing due
                current.nextRelease = releaseAt;
                timers.registerEventTimeTimer(releaseAt);
            }
        }
        processes.put(event.processEntityId, info);
        if (current.size > maxProcesses) {
            evictOldest(current);
        }
        if (current.idleCheck == 0) {
            current.idleCheck = roundUp(now + ttl, idleCheckStep);
            timers.registerProcessingTimeTimer(current.idleCheck);
        }
        book.update(current);
    }

    /** Removes the ended processes due for release at event time {@code time}; the next one due gets the timer. */
    void release(long time, TimerService timers) throws Exception {
        ProcessTableBook current = book.value();
        if (current == null || current.nextRelease == 0 || current.nextRelease > time) {
            return;
        }
        int size = 0;
        long next = 0;
        for (Iterator<ProcessInfo> it = processes.values().iterator(); it.hasNext(); ) {
            ProcessInfo info = it.next();
            if (info.ended()) {
                long due = roundUp(info.end + releaseGrace, 1000);
                if (due <= time) {
                    it.remove();
                    continue;
                }
                next = next == 0 ? due : Math.min(next, due);
            }
            size++;
        }
        if (size == 0) {
            timers.deleteProcessingTimeTimer(current.idleCheck);
            clear();
        } else {
            current.size = size;
            current.nextRelease = next;
            if (next != 0) {
                timers.registerEventTimeTimer(next);
            }
            book.update(current);
        }
    }

    /** The idle check at processing time {@code now}: forgets the processes unused for the TTL. */
    void forgetIdle(long now, TimerService timers) throws Exception {
        ProcessTableBook current = book.value();
        if (current == null || current.idleCheck > now) {
            return;
        }
        int size = 0;
        long oldestUse = Long.MAX_VALUE;
        for (Iterator<ProcessInfo> it = processes.values().iterator(); it.hasNext(); ) {
            ProcessInfo info = it.next();
            if (info.lastUse + ttl <= now) {
                it.remove();
            } else {
                oldestUse = Math.min(oldestUse, info.lastUse);
                size++;
            }
        }
        if (size == 0) {
            clear();
        } else {
            current.size = size;
            current.idleCheck = roundUp(oldestUse + ttl, idleCheckStep);
            timers.registerProcessingTimeTimer(current.idleCheck);
            book.update(current);
        }
    }

    private void clear() {
        processes.clear();
        book.clear();
    }

    /**
     * Brings the table down to 7/8 of its cap, oldest starts first: one scan makes room for many
     * starts, so a container at its cap does not pay a scan per process.
     */
    private void evictOldest(ProcessTableBook current) throws Exception {
        List<Map.Entry<String, ProcessInfo>> entries = new ArrayList<>();
        for (Map.Entry<String, ProcessInfo> entry : processes.entries()) {
            entries.add(Map.entry(entry.getKey(), entry.getValue()));
        }
        entries.sort(Comparator.comparingLong(entry -> entry.getValue().start));
        int excess = entries.size() - maxProcesses * 7 / 8;
        for (int i = 0; i < excess; i++) {
            processes.remove(entries.get(i).getKey());
        }
        evicted.inc(Math.max(excess, 0));
        current.size = entries.size() - Math.max(excess, 0);
    }

    private ProcessTableBook bookOrNew() throws Exception {
        ProcessTableBook current = book.value();
        return current != null ? current : new ProcessTableBook();
    }

    /**
     * {@code millis} rounded up to a multiple of {@code step}: release times are whole seconds, so that
     * processes ending in the same second share one timer.
     */
    private static long roundUp(long millis, long step) {
        return -Math.floorDiv(-millis, step) * step;
    }
}
