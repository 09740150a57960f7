package io.ncwatch.context;

import io.ncwatch.event.Ancestor;
import io.ncwatch.event.ContainerEvent;
import io.ncwatch.event.EventTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;

/**
 * The process table of the current container (keyed state): entity id to {@link ProcessInfo}, filled
 * from every process start, released {@code releaseGrace} of event time after a process ends, expired
 * by a TTL since last use (for processes whose end never arrives), and held to {@code maxProcesses}
 * by evicting the oldest. When the last entry goes, the container holds no table state at all.
 */
final class ProcessTable {
    private final Duration releaseGrace;
    private final int maxProcesses;
    private final MapState<String, ProcessInfo> processes;
    private final ValueState<ProcessTableBook> book;
    private final Counter evicted;

    ProcessTable(RuntimeContext runtime, Duration ttl, Duration releaseGrace, int maxProcesses, Counter evicted) {
        this.releaseGrace = releaseGrace;
        this.maxProcesses = maxProcesses;
        this.evicted = evicted;
        StateTtlConfig sinceLastUse = StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnReadAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build();
        MapStateDescriptor<String, ProcessInfo> processesDescriptor =
                new MapStateDescriptor<>("processes", Types.STRING, TypeInformation.of(ProcessInfo.class));
        processesDescriptor.enableTimeToLive(sinceLastUse);
        ValueStateDescriptor<ProcessTableBook> bookDescriptor =
                new ValueStateDescriptor<>("process-table-book", TypeInformation.of(ProcessTableBook.class));
        bookDescriptor.enableTimeToLive(sinceLastUse);
        this.processes = runtime.getMapState(processesDescriptor);
        this.book = runtime.getState(bookDescriptor);
    }

    ProcessInfo get(String entityId) throws Exception {
        return processes.get(entityId);
    }

    Ancestor[] ancestry(ContainerEvent event) throws Exception {
        return Ancestry.of(event, processes::get);
    }

    /** Whether {@link #record} changes the table for {@code event}: a process start or end with an entity id. */
    static boolean records(ContainerEvent event) {
        return event.processEntityId != null && (EventTypes.isProcessStart(event) || EventTypes.isProcessEnd(event));
    }

    /**
     * Records a process start (fork or exec: an exec replaces the image of a known process) or end.
     *
     * @return the event time at which an ended process is due for release (a timer is wanted then), or 0
     */
    long record(ContainerEvent event) throws Exception {
        if (!records(event)) {
            return 0;
        }
        boolean start = EventTypes.isProcessStart(event);
        boolean end = !start;
        ProcessInfo known = processes.get(event.processEntityId);
        ProcessInfo info = ProcessInfo.of(event);
        if (known != null && info.parentEntityId == null) {
            info.parentEntityId = known.parentEntityId;
        }
        if (end && known != null) {
            info = known;
        }
        ProcessTableBook current = bookOrNew();
        if (known == null) {
            current.size++;
        }
        long releaseAt = 0;
        if (end) {
            info.end = event.timestamp;
            releaseAt = roundUpToSecond(event.timestamp + releaseGrace.toMillis());
            current.nextRelease = current.nextRelease == 0 ? releaseAt : Math.min(current.nextRelease, releaseAt);
        }
        processes.put(event.processEntityId, info);
        if (current.size > maxProcesses) {
            evictOldest(current);
        }
        book.update(current);
        return releaseAt;
    }

    /** Removes the ended processes due for release at {@code time}; the table's state goes when it is empty. */
    void release(long time) throws Exception {
        ProcessTableBook current = book.value();
        if (current == null || current.nextRelease == 0 || current.nextRelease > time) {
            return;
        }
        int size = 0;
        long next = 0;
        for (Iterator<Map.Entry<String, ProcessInfo>> it = processes.iterator(); it.hasNext(); ) {
            ProcessInfo info = it.next().getValue();
            if (info.ended()) {
                long due = roundUpToSecond(info.end + releaseGrace.toMillis());
                if (due <= time) {
                    it.remove();
                    continue;
                }
                next = next == 0 ? due : Math.min(next, due);
            }
            size++;
        }
        if (size == 0) {
            processes.clear();
            book.clear();
        } else {
            current.size = size;
            current.nextRelease = next;
            book.update(current);
        }
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

    /** Release times are whole seconds, so that processes ending in the same second share one timer. */
    private static long roundUpToSecond(long millis) {
        return -Math.floorDiv(-millis, 1000L) * 1000L;
    }
}
