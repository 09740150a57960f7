package io.ncwatch.eql.analysis;

import io.ncwatch.eql.parser.ast.Query;
import java.util.LinkedHashSet;
import java.util.Set;

/** The analysis phase: a parsed query verified, and its field names resolved to slots. */
public final class Analyzer {
    private Analyzer() {}

    /**
     * Throws what {@link Verifier#verify} throws. Assigns each field its slot in {@code slots} on first
     * sight; {@code types} is the index mapping, {@code ignoreAbove} the keyword limit of fields it does
     * not list, 0 for no limit on any field.
     */
    public static AnalyzedQuery analyze(Query query, FieldSlots slots, int ignoreAbove, FieldTypes types) {
        Query.EventQuery event = Verifier.verify(query);
        Set<String> paths = new LinkedHashSet<>(FieldReferences.of(event.condition()));
        if (event.category() != null) {
            paths.add(AnalyzedQuery.CATEGORY_FIELD);
        }
        return new AnalyzedQuery(event.category(), event.condition(), FieldResolver.resolve(paths, slots, ignoreAbove, types));
    }
}
