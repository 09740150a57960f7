package io.ncwatch.connector.file;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

/**
 * Hands out splits in file order: by path, then by offset. A file of events in time order is then read
 * roughly in time order however many readers share it, so readers run at most about a split apart in
 * event time and the watermark never passes a split that is still to be read. Flink's assigners pick by
 * locality or from the end of the list.
 */
public final class InOrderSplitAssigner implements FileSplitAssigner {
    private static final Comparator<FileSourceSplit> FILE_ORDER =
            Comparator.comparing((FileSourceSplit split) -> split.path().toString()).thenComparingLong(FileSourceSplit::offset);

    private final PriorityQueue<FileSourceSplit> unassigned = new PriorityQueue<>(FILE_ORDER);

    public InOrderSplitAssigner(Collection<FileSourceSplit> splits) {
        unassigned.addAll(splits);
    }

    @Override
    public Optional<FileSourceSplit> getNext(String hostname) {
        return Optional.ofNullable(unassigned.poll());
    }

    @Override
    public void addSplits(Collection<FileSourceSplit> splits) {
        unassigned.addAll(splits);
    }

    @Override
    public Collection<FileSourceSplit> remainingSplits() {
        return new ArrayList<>(unassigned);
    }
}
