package io.ncwatch.connector.elasticsearch.source;

import java.util.ArrayList;
import java.util.List;

/** Cuts a time range into slices of equal length that parallel readers share. */
final class TimeSlices {

    private TimeSlices() {
    }

    /**
     * {@code count} adjacent slices covering {@code [start, end)}, fewer when the range has fewer
     * milliseconds; the last one takes the remainder.
     */
    static List<TimeSliceSplit> of(long start, long end, int count) {
        long length = end - start;
        int slices = (int) Math.min(count, length);
        List<TimeSliceSplit> splits = new ArrayList<>(slices);
        for (int i = 0; i < slices; i++) {
            long sliceStart = start + length / slices * i;
            long sliceEnd = i == slices - 1 ? end : start + length / slices * (i + 1);
            splits.add(new TimeSliceSplit(i, sliceStart, sliceEnd, null));
        }
        return splits;
    }
}
