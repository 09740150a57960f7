package io.ncwatch.connector.elasticsearch.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands the time slices out one at a time to the readers that ask, so a reader that finishes early takes
 * the next slice; a reader asking when none is left is told there are no more. Slices of a failed reader
 * come back with their position and go to the next reader that asks.
 */
final class TimeSliceEnumerator implements SplitEnumerator<TimeSliceSplit, Collection<TimeSliceSplit>> {

    private final SplitEnumeratorContext<TimeSliceSplit> context;
    private final Queue<TimeSliceSplit> pending;

    TimeSliceEnumerator(SplitEnumeratorContext<TimeSliceSplit> context, Collection<TimeSliceSplit> pending) {
        this.context = context;
        this.pending = new ArrayDeque<>(pending);
    }

    @Override
    public void start() {
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        TimeSliceSplit next = pending.poll();
        if (next != null) {
            context.assignSplit(next, subtaskId);
        } else {
            context.signalNoMoreSplits(subtaskId);
        }
    }

    @Override
    public void addSplitsBack(List<TimeSliceSplit> splits, int subtaskId) {
        pending.addAll(splits);
    }

    @Override
    public void addReader(int subtaskId) {
        // Readers ask for slices themselves, when they start and whenever they finish one.
    }

    @Override
    public Collection<TimeSliceSplit> snapshotState(long checkpointId) {
        return new ArrayList<>(pending);
    }

    @Override
    public void close() {
    }
}
