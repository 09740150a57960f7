package io.ncwatch.eql;

import java.util.List;

/** A single-event EQL query compiled to a predicate over {@link FieldValues}. */
public interface CompiledQuery {

    /** The verdict Elasticsearch gives on this event. */
    boolean matches(FieldValues event);

    /** The dotted field paths this query reads (each registered in the {@link FieldSlots}). */
    List<String> fields();

    /**
     * Texts of which every matching event contains at least one, or an empty list when no such set is
     * known. Lets a caller skip events before decoding them.
     */
    List<Needle> requiredText();
}
