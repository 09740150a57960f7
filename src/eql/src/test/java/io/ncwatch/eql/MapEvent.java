package io.ncwatch.eql;

import io.ncwatch.eql.analysis.FieldSlots;
import io.ncwatch.eql.parser.EqlParser;
import io.ncwatch.eql.runtime.CompiledQuery;
import java.util.HashMap;
import java.util.Map;

/** Test-only: an event as a map from dotted field path to value, read through a query's slots. */
public final class MapEvent {
    private MapEvent() {}

    /** {@code event("a.b", "x", "c", 5L)}; a value may be null, a List stands for an array. */
    public static Map<String, Object> event(Object... pathsAndValues) {
        Map<String, Object> event = new HashMap<>();
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            event.put((String) pathsAndValues[i], pathsAndValues[i + 1]);
        }
        return event;
    }

    public static CompiledQuery compile(String eql, EqlOptions options, FieldSlots slots) {
        return new EqlCompiler(slots, options).compile(EqlParser.parse(eql));
    }

    public static boolean matches(String eql, Map<String, Object> event) {
        return matches(eql, event, EqlOptions.ELASTICSEARCH);
    }

    public static boolean matches(String eql, Map<String, Object> event, EqlOptions options) {
        FieldSlots slots = new FieldSlots();
        CompiledQuery query = compile(eql, options, slots);
        return query.matches(slot -> event.get(slots.paths().get(slot)));
    }
}
