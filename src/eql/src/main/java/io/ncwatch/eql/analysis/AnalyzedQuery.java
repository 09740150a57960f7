package io.ncwatch.eql.analysis;

import io.ncwatch.eql.parser.ast.Expr;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A verified event query with its fields resolved, ready to plan.
 *
 * @param category the event category the query names, or null for {@code any}
 * @param condition the condition after {@code where}
 * @param fields every field the query reads (the category's included), in the order they are written
 */
public record AnalyzedQuery(String category, Expr condition, Map<String, ResolvedField> fields) {
    /** The field whose values an event category is matched against. */
    public static final String CATEGORY_FIELD = "event.category";

    public AnalyzedQuery {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
