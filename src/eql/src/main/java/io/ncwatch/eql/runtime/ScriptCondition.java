package io.ncwatch.eql.runtime;

import java.util.List;

/**
 * A condition Elasticsearch runs as a multi-value-aware script: true when some choice of one indexed
 * value per field occurrence makes the expression true (an occurrence with no indexed value is null);
 * a negated script is true when no choice does, so an absent field satisfies {@code not length(f) > 3}.
 */
public final class ScriptCondition implements Condition {
    private final ScriptExpr expr;
    private final int[] slots;
    private final int[] ignoreAbove;
    private final boolean negated;
    private final ThreadLocal<Object[]> bindings;

    public ScriptCondition(ScriptExpr expr, int[] slots, int[] ignoreAbove, boolean negated) {
        this.expr = expr;
        this.slots = slots;
        this.ignoreAbove = ignoreAbove;
        this.negated = negated;
        this.bindings = ThreadLocal.withInitial(() -> new Object[slots.length]);
    }

    public ScriptCondition negate() {
        return new ScriptCondition(expr, slots, ignoreAbove, !negated);
    }

    @Override
    public boolean test(FieldValues event) {
        return anyChoice(event, bindings.get(), 0) != negated;
    }

    private boolean anyChoice(FieldValues event, Object[] bound, int occurrence) {
        if (occurrence == slots.length) {
            try {
                return expr.eval(bound) == Boolean.TRUE;
            } catch (IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException e) {
                return false; // an error in Elasticsearch: no document matches
            }
        }
        Object value = event.value(slots[occurrence]);
        int limit = ignoreAbove[occurrence];
        boolean anyIndexed = false;
        if (value instanceof List<?> values) {
            for (int i = 0, n = values.size(); i < n; i++) {
                Object element = values.get(i);
                if (FieldCondition.isIndexed(element, limit)) {
                    anyIndexed = true;
                    bound[occurrence] = element;
                    if (anyChoice(event, bound, occurrence + 1)) {
                        return true;
                    }
                }
            }
        } else if (FieldCondition.isIndexed(value, limit)) {
            anyIndexed = true;
            bound[occurrence] = value;
            if (anyChoice(event, bound, occurrence + 1)) {
                return true;
            }
        }
        if (!anyIndexed) {
            bound[occurrence] = null;
            return anyChoice(event, bound, occurrence + 1);
        }
        return false;
    }
}
