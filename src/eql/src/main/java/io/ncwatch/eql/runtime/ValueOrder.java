package io.ncwatch.eql.runtime;

/**
 * The order Elasticsearch sorts field values in (join keys of samples, tiebreakers): numbers by value,
 * strings by their characters, booleans false first; values of different kinds, which one mapped field
 * never holds, by kind.
 */
public final class ValueOrder {
    private ValueOrder() {}

    /** Compares two values that are not null. */
    public static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x instanceof Long && y instanceof Long
                    ? Long.compare(x.longValue(), y.longValue())
                    : Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        return a.getClass().getName().compareTo(b.getClass().getName());
    }
}
