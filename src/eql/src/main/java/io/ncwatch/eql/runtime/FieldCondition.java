package io.ncwatch.eql.runtime;

import java.util.List;

/**
 * A field-versus-literal comparison answered as Elasticsearch's query answers it: true when any indexed
 * value of the field passes the test; an absent field, null, and strings longer than the
 * {@code ignore_above} limit are not indexed, so they never pass.
 */
public final class FieldCondition implements Condition {
    private final int slot;
    private final int ignoreAbove;
    private final ValueMatcher test;

    /** {@code ignoreAbove} is {@link Integer#MAX_VALUE} where no limit applies. */
    public FieldCondition(int slot, int ignoreAbove, ValueMatcher test) {
        this.slot = slot;
        this.ignoreAbove = ignoreAbove;
        this.test = test;
    }

    @Override
    public boolean test(FieldValues event) {
        Object value = event.value(slot);
        if (value instanceof String s) { // the common case, and a cheaper type check than List's
            return s.length() <= ignoreAbove && test.test(s);
        }
        if (value instanceof List<?> values) {
            for (int i = 0, n = values.size(); i < n; i++) {
                Object element = values.get(i);
                if (isIndexed(element, ignoreAbove) && test.test(element)) {
                    return true;
                }
            }
            return false;
        }
        return isIndexed(value, ignoreAbove) && test.test(value);
    }

    static boolean isIndexed(Object value, int ignoreAbove) {
        return value != null && !(value instanceof String s && s.length() > ignoreAbove);
    }
}
