package io.ncwatch.eql.analysis;

/**
 * A field as a compiled query reads it.
 *
 * @param slot where {@link FieldSlots} put the field
 * @param ignoreAbove the longest string that is indexed, {@link Integer#MAX_VALUE} where no limit applies
 */
public record ResolvedField(int slot, int ignoreAbove) {}
