package io.ncwatch.eql.runtime;

/**
 * The fields of one event as a compiled query reads them: by slot, the number the query's
 * {@code FieldSlots} gave each field path.
 *
 * <p>A value is {@code null} (absent or JSON null), a {@code String}, a {@code Long}, a {@code Double}, a
 * {@code Boolean}, or a {@code java.util.List} of those for a multi-valued field (a JSON array, or the
 * same field spelled both nested and dotted in one document).
 */
@FunctionalInterface
public interface FieldValues {
    Object value(int slot);
}
