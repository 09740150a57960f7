package io.ncwatch.eql;

import io.ncwatch.eql.analysis.Analyzer;
import io.ncwatch.eql.analysis.FieldSlots;
import io.ncwatch.eql.parser.ast.Query;
import io.ncwatch.eql.planner.Planner;
import io.ncwatch.eql.runtime.CompiledQuery;

/**
 * Compiles single-event EQL queries to predicates that give Elasticsearch 8.19's verdicts, in
 * Elasticsearch's phases: a query from {@link io.ncwatch.eql.parser.EqlParser} is analysed (verified,
 * its fields resolved to slots), then planned into the conditions the runtime evaluates per event.
 *
 * <p>As Elasticsearch compiles them to queries, a field-versus-literal comparison or match (and
 * {@code startsWith}, {@code endsWith}, {@code stringContains} or {@code cidrMatch} with a field first) is
 * a two-valued leaf, true when any indexed value of the field passes, and {@code not} over it is a
 * must_not that holds on absent fields. Every other expression is a script, evaluated three-valued over
 * each choice of one value per field occurrence, where null (a null operand, or an error such as
 * division by zero) is no match and {@code not} negates the whole script.
 *
 * <p>Values compare as the field's type in {@link EqlOptions#types()} indexes them: dates as instants,
 * IP addresses as addresses, versions by precedence, numbers as numbers, keywords as text; strings longer
 * than the field's {@code ignore_above} are not indexed, so absent for every comparison.
 *
 * <p>{@link CompiledQuery#requiredText()} is necessary, not sufficient: every match contains one of the
 * needles in one of its string values, but an event that contains one may still not match.
 */
public final class EqlCompiler {
    private final FieldSlots slots;
    private final EqlOptions options;

    public EqlCompiler(FieldSlots slots, EqlOptions options) {
        this.slots = slots;
        this.options = options;
    }

    /**
     * Compiles an event query. Sequences, samples and pipes throw
     * {@link io.ncwatch.eql.analysis.UnsupportedQueryException}; what Elasticsearch rejects (an unknown
     * function, a wrong argument, a comparison of two fields, an invalid regular expression or CIDR)
     * throws IllegalArgumentException with the reason.
     */
    public CompiledQuery compile(Query query) {
        return Planner.plan(Analyzer.analyze(query, slots, options.ignoreAbove(), options.types()));
    }
}
