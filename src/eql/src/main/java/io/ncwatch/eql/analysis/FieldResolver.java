package io.ncwatch.eql.analysis;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves field paths to what a query reads: the slot, the type of the field in the mapping, and its
 * {@code ignore_above}. Strings longer than it are not indexed, so absent for every comparison. A field
 * the mapping does not list has the limit that ECS's dynamic mapping gives strings (keyword,
 * {@code ignore_above} 1024), or whatever the caller asks.
 */
final class FieldResolver {
    private FieldResolver() {}

    /**
     * The fields in iteration order; {@code ignoreAbove} is the limit of fields the mapping does not list, 0
     * switches every limit off. IllegalArgumentException for an analysed text field, which Elasticsearch
     * cannot compare exactly.
     */
    static Map<String, ResolvedField> resolve(Collection<String> paths, FieldSlots slots, int ignoreAbove, FieldTypes types) {
        Map<String, ResolvedField> fields = new LinkedHashMap<>();
        for (String path : paths) {
            FieldType type = types.of(path);
            if (type != null && !type.isExact()) {
                throw new IllegalArgumentException("field [" + path + "] is of type [" + type.type()
                        + "] with no keyword sub-field: Elasticsearch cannot compare it exactly");
            }
            int limit = ignoreAbove == 0 ? Integer.MAX_VALUE : type != null ? type.ignoreAbove() : ignoreAbove;
            fields.put(path, type == null
                    ? new ResolvedField(slots.slotOf(path), limit, null, null)
                    : new ResolvedField(slots.slotOf(path), limit, type.type(), type.nullValue()));
        }
        return fields;
    }
}
