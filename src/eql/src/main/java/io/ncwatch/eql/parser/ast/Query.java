package io.ncwatch.eql.parser.ast;

import java.time.Duration;
import java.util.List;

/** A parsed EQL query. */
public sealed interface Query permits Query.EventQuery, Query.SequenceQuery, Query.SampleQuery {

    /** Pipes after the query ({@code | head 5}, {@code | tail 3}); empty when none. */
    List<Pipe> pipes();

    /** {@code <category> where <condition>}; {@code category} is null for {@code any where}. */
    record EventQuery(String category, Expr condition, List<Pipe> pipes) implements Query {
        public EventQuery(String category, Expr condition) {
            this(category, condition, List.of());
        }
    }

    /**
     * {@code sequence [by keys] [with maxspan=..] stages [until stage]}. {@code maxspan} is null when
     * not given; {@code until} is null when absent.
     */
    record SequenceQuery(List<Expr> by, Duration maxspan, List<Stage> stages, Stage until, List<Pipe> pipes)
            implements Query {}

    /** {@code sample by keys stages}. */
    record SampleQuery(List<Expr> by, List<Stage> stages, List<Pipe> pipes) implements Query {}

    /**
     * One bracketed stage: {@code [query] by keys with runs=N}; {@code missing} for {@code ![query]}.
     * {@code by} holds this stage's own keys (the query's {@code by} keys come before them);
     * {@code runs} is 1 when not given.
     */
    record Stage(EventQuery query, List<Expr> by, int runs, boolean missing) {}

    /** {@code head N} or {@code tail N}. */
    record Pipe(String name, long count) {}
}
