package io.ncwatch.eql.runtime;

import java.util.List;

/**
 * A {@code by} field of a sequence or sample: events join when their values of every join key are
 * equal.
 *
 * @param field the dotted field path
 * @param slot the field's slot in the {@code FieldSlots} the query was compiled with
 * @param optional written {@code ?field}: an absent value is a key value of its own (null) instead of
 *     keeping the event out
 */
public record JoinKey(String field, int slot, boolean optional) {

    /**
     * The event's value of this key, null when absent. An array of one value is that value and an empty
     * array is absent, as Elasticsearch reads them; an array of several values throws
     * IllegalArgumentException, because Elasticsearch fails the whole query on it ("Arrays (returned by
     * [field]) are not supported").
     */
    public Object valueIn(FieldValues event) {
        Object value = event.value(slot);
        if (!(value instanceof List<?> values)) {
            return value;
        }
        if (values.size() > 1) {
            throw new IllegalArgumentException("Arrays (returned by [" + field + "]) are not supported as join keys");
        }
        return values.isEmpty() ? null : values.get(0);
    }
}
