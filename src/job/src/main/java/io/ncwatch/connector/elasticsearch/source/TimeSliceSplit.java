package io.ncwatch.connector.elasticsearch.source;

import java.io.Serializable;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * A slice {@code [start, end)} of the source's time range (epoch milliseconds), read in its sort order,
 * and how far it has been read.
 *
 * @param position the sort values of the last document read, as the JSON array a hit's {@code sort}
 *     holds; null when none has been read yet. A reader resumes after it with {@code search_after}.
 */
public record TimeSliceSplit(int slice, long start, long end, String position) implements SourceSplit, Serializable {

    public TimeSliceSplit {
        if (end <= start) {
            throw new IllegalArgumentException("a time slice needs start < end, got [" + start + ", " + end + ")");
        }
    }

    @Override
    public String splitId() {
        return "slice-" + slice;
    }

    /** This slice, read up to the document whose sort values are {@code position}. */
    public TimeSliceSplit readUpTo(String position) {
        return new TimeSliceSplit(slice, start, end, position);
    }
}
