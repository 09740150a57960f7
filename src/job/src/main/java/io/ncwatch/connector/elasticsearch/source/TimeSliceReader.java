package io.ncwatch.connector.elasticsearch.source;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;

/**
 * A reader of time slices: asks the enumerator for a slice when it starts without one restored and
 * whenever it finishes one. Each slice has its own watermark output, so the job's watermark strategy
 * works per slice as with Kafka partitions.
 */
final class TimeSliceReader<T> extends SingleThreadMultiplexSourceReaderBase<SearchHit, T, TimeSliceSplit, SliceState> {

    TimeSliceReader(Supplier<SplitReader<SearchHit, TimeSliceSplit>> fetcher, SearchHitEmitter<T> emitter,
            SourceReaderContext context) {
        super(fetcher, emitter, context.getConfiguration(), context);
    }

    @Override
    public void start() {
        super.start();
        if (getNumberOfCurrentlyAssignedSplits() == 0) {
            context.sendSplitRequest();
        }
    }

    @Override
    protected void onSplitFinished(Map<String, SliceState> finished) {
        context.sendSplitRequest();
    }

    @Override
    protected SliceState initializedState(TimeSliceSplit split) {
        return new SliceState(split);
    }

    @Override
    protected TimeSliceSplit toSplitType(String splitId, SliceState state) {
        return state.toSplit();
    }
}
