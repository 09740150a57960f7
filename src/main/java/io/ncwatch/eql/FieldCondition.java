package io.ncwatch.eql;

import java.util.List;

/**
 * A field-versus-literal comparison answered as Elasticsearch's query answers it: true when any indexed
 * value of the field passes the test; an absent field, null, and strings longer than the
 * {@code ignore_above} limit are not indexed, so they never pass.
 */
final class FieldCondition extends Condition {
    private final int slot;
    private final int ignoreAbove;
    private final ValueTest test;

    /** {@code ignoreAbove} is {@link Integer#MAX_VALUE} where no limit applies. */
    FieldCondition(int slot, int ignoreAbove, ValueTest test) {
        this.slot = slot;
        this.ignoreAbove = ignoreAbove;
        this.test = test;
    }

    @Override
    boolean test(FieldValues event) {
        Object value = event.value(slot);
        if (value instanceof String s) { // the common case, and a cheaper type check than List's
            return s.length() <= ignoreAbove && accept(s);
        }
        if (value instanceof List<?> values) {
            for (int i = 0, n = values.size(); i < n; i++) {
                Object element = values.get(i);
                if (isIndexed(element, ignoreAbove) && accept(element)) {
                    return true;
                }
            }
            return false;
        }
        return isIndexed(value, ignoreAbove) && accept(value);
    }

    /**
     * Calls the test through a check of its exact class, so that each call is direct and inlined: one
     * call site shared by every kind of test would be megamorphic, a virtual call per value.
     */
    private boolean accept(Object value) {
        if (test instanceof TermsTest terms) {
            return terms.test(value);
        }
        if (test instanceof WildcardPattern wildcard) {
            return wildcard.test(value);
        }
        if (test instanceof AnyValueTest any) {
            return any.test(value);
        }
        return test.test(value);
    }

    static boolean isIndexed(Object value, int ignoreAbove) {
        return value != null && !(value instanceof String s && s.length() > ignoreAbove);
    }
}
