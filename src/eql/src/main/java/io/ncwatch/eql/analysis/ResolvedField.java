package io.ncwatch.eql.analysis;

/**
 * A field as a compiled query reads it.
 *
 * @param slot where {@link FieldSlots} put the field
 * @param ignoreAbove the longest string that is indexed, {@link Integer#MAX_VALUE} where no limit applies
 * @param type the name of the field's type in the mapping ({@link FieldType#type()}), or null when the
 *     mapping has no such field: its values then compare as the document writes them
 * @param nullValue the field's {@code null_value}, which the decoder puts in place of a JSON null, or null
 */
public record ResolvedField(int slot, int ignoreAbove, String type, Object nullValue) {}
