package io.ncwatch.eql.planner;

import io.ncwatch.eql.analysis.AnalyzedQuery;
import io.ncwatch.eql.runtime.CompiledQuery;
import io.ncwatch.eql.runtime.Needle;
import io.ncwatch.eql.runtime.TermsMatcher;
import java.util.List;

/**
 * The planner phase: an analysed query as the conditions and matchers that decide it per event, with
 * the texts every match contains.
 */
public final class Planner {
    private Planner() {}

    public static CompiledQuery plan(AnalyzedQuery query) {
        ConditionPlanner conditions = new ConditionPlanner(query.fields());
        Part part = conditions.condition(query.condition());
        if (query.category() != null) {
            Part category = conditions.field(AnalyzedQuery.CATEGORY_FIELD,
                    new TermsMatcher(List.of(query.category()), false), null);
            part = PartConnectives.and(List.of(category, part));
        }
        List<Needle> needles = part.needles() == null || part.shared() ? List.of() : part.needles();
        return new CompiledQuery(part.condition(), List.copyOf(query.fields().keySet()), needles);
    }
}
