package io.ncwatch.decode;

import io.ncwatch.decode.MalformedEventException.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * The values one decoding collects, by slot, in Elasticsearch's view: a field spelled more than once
 * merges its values, one value stays a scalar, several become an immutable list. Both decoders
 * ({@link EcsDecoder}, {@link RawScanDecoder}) collect through it, so they cannot differ in this.
 */
final class SlotValues {
    private final Object[] values;
    private boolean hasTimestamp;
    private long timestampMillis;

    SlotValues(int slotCount) {
        this.values = new Object[slotCount];
    }

    boolean hasTimestamp() {
        return hasTimestamp;
    }

    void timestamp(long millis) {
        hasTimestamp = true;
        timestampMillis = millis;
    }

    @SuppressWarnings("unchecked")
    void add(int slot, Object value) {
        Object current = values[slot];
        if (current == null) {
            values[slot] = value;
        } else if (current instanceof ArrayList<?> list) {
            ((ArrayList<Object>) list).add(value);
        } else {
            ArrayList<Object> list = new ArrayList<>(4);
            list.add(current);
            list.add(value);
            values[slot] = list;
        }
    }

    DecodedEvent finish() throws MalformedEventException {
        if (!hasTimestamp) {
            throw new MalformedEventException(Reason.MISSING_TIMESTAMP, "the event has no @timestamp");
        }
        for (int slot = 0; slot < values.length; slot++) {
            if (values[slot] instanceof ArrayList<?> list) {
                values[slot] = List.copyOf(list);
            }
        }
        return new DecodedEvent(timestampMillis, values);
    }
}
