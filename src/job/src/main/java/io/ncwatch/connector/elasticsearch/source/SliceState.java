package io.ncwatch.connector.elasticsearch.source;

/** A slice being read: the split as assigned and the sort values of the last document emitted. */
final class SliceState {
    private final TimeSliceSplit split;
    private String position;

    SliceState(TimeSliceSplit split) {
        this.split = split;
        this.position = split.position();
    }

    void emitted(String sort) {
        position = sort;
    }

    TimeSliceSplit toSplit() {
        return split.readUpTo(position);
    }
}
