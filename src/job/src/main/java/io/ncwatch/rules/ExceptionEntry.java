package io.ncwatch.rules;

import java.io.Serializable;
import java.util.List;

/**
 * One condition of an {@link ExceptionItem}, with the fields of Elastic's exception item entries.
 *
 * @param values one value for {@code match} and {@code wildcard}, several for {@code match_any}, none for {@code exists}
 */
public record ExceptionEntry(String field, Operator operator, Type type, List<String> values) implements Serializable {

    public ExceptionEntry {
        values = List.copyOf(values);
    }

    /** {@code included}: the field has the value; {@code excluded}: it has not. */
    public enum Operator {
        INCLUDED, EXCLUDED
    }

    /** How the value is compared: Elastic's entry types, but value lists ({@code list}) and {@code nested}. */
    public enum Type {
        /** Equal to the value, as a {@code match_phrase} on the field's type compares. */
        MATCH,
        /** Equal to one of the values. */
        MATCH_ANY,
        /** The field is present. */
        EXISTS,
        /** Elasticsearch's wildcard query: {@code *} and {@code ?}, a backslash escapes, case-sensitive. */
        WILDCARD
    }
}
