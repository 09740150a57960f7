package io.ncwatch.eql.analysis;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Resolves field paths to what a query reads: the slot, and the {@code ignore_above} of the field's ECS
 * mapping. Strings longer than it are not indexed, so absent for every comparison, except on the few
 * fields ECS maps as {@code wildcard} or text ({@link #isUnlimited}).
 */
final class FieldResolver {
    /** ECS fields mapped as wildcard or text, which have no ignore_above (plus every *.command_line). */
    private static final Set<String> UNLIMITED = Set.of("message", "error.message", "error.stack_trace",
            "url.full", "url.original", "process.io.text", "registry.data.strings");

    private FieldResolver() {}

    /** The fields in iteration order; {@code ignoreAbove} 0 switches the limit off. */
    static Map<String, ResolvedField> resolve(Collection<String> paths, FieldSlots slots, int ignoreAbove) {
        Map<String, ResolvedField> fields = new LinkedHashMap<>();
        for (String path : paths) {
            int limit = ignoreAbove == 0 || isUnlimited(path) ? Integer.MAX_VALUE : ignoreAbove;
            fields.put(path, new ResolvedField(slots.slotOf(path), limit));
        }
        return fields;
    }

    /** Whether a field keeps long strings indexed: ECS maps it as wildcard or text, not keyword. */
    static boolean isUnlimited(String path) {
        return path.endsWith(".command_line") || path.equals("command_line") || UNLIMITED.contains(path);
    }
}
