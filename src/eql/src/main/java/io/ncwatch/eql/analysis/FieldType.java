package io.ncwatch.eql.analysis;

import java.io.Serializable;

/**
 * A field of an index mapping, as far as comparisons depend on it.
 *
 * @param type the mapping's {@code type} name, such as {@code keyword}, {@code date} or {@code ip}; for a
 *     text field with a keyword multi-field, {@code keyword}: Elasticsearch's EQL compares through it
 * @param ignoreAbove the mapping's {@code ignore_above}, {@link Integer#MAX_VALUE} when it sets none
 * @param nullValue the mapping's {@code null_value} (a String, Long, Double or Boolean), indexed in place of
 *     a JSON null; null when it sets none
 */
public record FieldType(String type, int ignoreAbove, Object nullValue) implements Serializable {
    /** Whether Elasticsearch can compare the field's values exactly: not an analysed text field. */
    public boolean isExact() {
        return !type.equals("text") && !type.equals("match_only_text");
    }
}
