package io.ncwatch.eql.runtime;

import java.util.List;

/** A single-event EQL query compiled to a predicate over {@link FieldValues}. */
public final class CompiledQuery {
    private final Condition condition;
    private final List<String> fields;
    private final List<Needle> requiredText;

    public CompiledQuery(Condition condition, List<String> fields, List<Needle> requiredText) {
        this.condition = condition;
        this.fields = List.copyOf(fields);
        this.requiredText = List.copyOf(requiredText);
    }

    /** The verdict Elasticsearch gives on this event. */
    public boolean matches(FieldValues event) {
        return condition.test(event);
    }

    /** The dotted field paths this query reads, each numbered in the {@code FieldSlots} it was compiled with. */
    public List<String> fields() {
        return fields;
    }

    /**
     * Texts of which every matching event contains at least one, or an empty list when no such set is
     * known. Lets a caller skip events before decoding them.
     */
    public List<Needle> requiredText() {
        return requiredText;
    }
}
