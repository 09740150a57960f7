package io.ncwatch.eql;

import io.ncwatch.eql.analysis.FieldTypes;
import java.io.Serializable;

/**
 * Switches of evaluation.
 *
 * @param ignoreAbove strings longer than this many characters are treated as not indexed on fields the
 *     mapping does not list, as ECS's dynamic mapping of strings ({@code keyword}, {@code ignore_above:
 *     1024}) makes Elasticsearch do; 0 switches every limit off, the mapping's too
 * @param types the index mapping: how each field's values compare
 */
public record EqlOptions(int ignoreAbove, FieldTypes types) implements Serializable {
    /** The ECS mapping that ncwatch ships. */
    public static final EqlOptions ELASTICSEARCH = new EqlOptions(1024, FieldTypes.ecs());

    public EqlOptions {
        if (ignoreAbove < 0) {
            throw new IllegalArgumentException("ignoreAbove must be >= 0, got " + ignoreAbove);
        }
    }
}
