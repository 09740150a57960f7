package io.ncwatch.eql.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One sample: its join key values and one event per filter, in filter order.
 *
 * @param joinKey the key values, null for an absent {@code ?optional} key
 * @param events what the caller kept of each event
 */
public record Sample<T>(List<Object> joinKey, List<T> events) {
    public Sample {
        joinKey = Collections.unmodifiableList(new ArrayList<>(joinKey));
        events = List.copyOf(events);
    }
}
