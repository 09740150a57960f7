package io.ncwatch.eql;

import io.ncwatch.eql.analysis.Analyzer;
import io.ncwatch.eql.analysis.FieldSlots;
import io.ncwatch.eql.parser.ast.Expr;
import io.ncwatch.eql.parser.ast.Query;
import io.ncwatch.eql.planner.Planner;
import io.ncwatch.eql.runtime.CompiledQuery;
import io.ncwatch.eql.runtime.CompiledSample;
import io.ncwatch.eql.runtime.CompiledSequence;
import io.ncwatch.eql.runtime.JoinKey;
import io.ncwatch.eql.runtime.ResultPipes;
import io.ncwatch.eql.runtime.SequenceStage;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles EQL queries to evaluations that give Elasticsearch 8.19's verdicts: event queries to
 * predicates ({@link #compile}), sequences and samples to their runtime forms
 * ({@link #compileSequence}, {@link #compileSample}), each stage a predicate. Compiling goes in
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
 * <p>Strings longer than {@link EqlOptions#ignoreAbove()} are not indexed, so absent for every
 * comparison, except on the few fields ECS maps as {@code wildcard} or text.
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
     * {@link io.ncwatch.eql.analysis.UnsupportedQueryException} (see {@link #compileSequence},
     * {@link #compileSample} and {@link #pipes}); what Elasticsearch rejects (an unknown
     * function, a wrong argument, a comparison of two fields, an invalid regular expression or CIDR)
     * throws IllegalArgumentException with the reason.
     */
    public CompiledQuery compile(Query query) {
        return Planner.plan(Analyzer.analyze(query, slots, options.ignoreAbove()));
    }

    /**
     * Compiles a sequence: each stage's filter as {@link #compile} does, its join keys (the query's
     * {@code by} fields, then the stage's own) to slots. Its pipes are the caller's to apply over the
     * matches. Throws what {@link #compile} throws for a stage.
     */
    public CompiledSequence compileSequence(Query.SequenceQuery query) {
        List<SequenceStage> stages = query.stages().stream().map(stage -> stage(query.by(), stage)).toList();
        SequenceStage until = query.until() == null ? null : stage(query.by(), query.until());
        return new CompiledSequence(stages, until, query.maxspan());
    }

    /**
     * Compiles a sample: each filter as {@link #compile} does, its join keys (the query's {@code by}
     * fields, then the filter's own) to slots. Its pipes are the caller's to apply over the samples.
     */
    public CompiledSample compileSample(Query.SampleQuery query) {
        return new CompiledSample(query.stages().stream().map(stage -> stage(query.by(), stage)).toList());
    }

    /** A query's pipes ({@code | head N}, {@code | tail N}) over results of any kind. */
    public static <T> ResultPipes<T> pipes(Query query) {
        return new ResultPipes<>(query.pipes().stream()
                .map(pipe -> new ResultPipes.Pipe(pipe.name().equals("tail"), pipe.count()))
                .toList());
    }

    private SequenceStage stage(List<Expr> queryKeys, Query.Stage stage) {
        List<JoinKey> keys = new ArrayList<>();
        for (Expr key : concat(queryKeys, stage.by())) {
            Expr.Field field = (Expr.Field) key;
            keys.add(new JoinKey(field.path(), slots.slotOf(field.path()), field.optional()));
        }
        return new SequenceStage(compile(stage.query()), keys, stage.runs(), stage.missing());
    }

    private static List<Expr> concat(List<Expr> first, List<Expr> second) {
        List<Expr> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
