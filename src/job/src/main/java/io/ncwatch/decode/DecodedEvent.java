package io.ncwatch.decode;

import io.ncwatch.eql.runtime.FieldValues;
import java.util.Arrays;

/**
 * One event as {@link EcsDecoder} decoded it: the values of the slotted fields and the event time.
 * Values follow {@link FieldValues}; a field with one value is that value, even when the document wrote
 * it as an array of one, and a list (immutable, no nulls) holds at least two.
 */
public final class DecodedEvent implements FieldValues {
    private final long timestampMillis;
    private final Object[] values;

    DecodedEvent(long timestampMillis, Object[] values) {
        this.timestampMillis = timestampMillis;
        this.values = values;
    }

    /** {@code @timestamp} in milliseconds since the epoch (UTC). */
    public long timestampMillis() {
        return timestampMillis;
    }

    /**
     * The value of a field by its slot. Throws for a slot registered after the decoder was built: such a
     * field was never decoded, and a silent null would give a wrong verdict.
     */
    @Override
    public Object value(int slot) {
        return values[slot];
    }

    @Override
    public String toString() {
        return "DecodedEvent[@timestamp=" + timestampMillis + ", values=" + Arrays.toString(values) + "]";
    }
}
