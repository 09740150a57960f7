package io.ncwatch.eql.analysis;

import static io.ncwatch.eql.analysis.FieldReferences.isConstant;

import io.ncwatch.eql.parser.EqlFunction;
import io.ncwatch.eql.parser.ast.Expr;
import io.ncwatch.eql.parser.ast.Query;

/**
 * Rejects, before anything is planned, what Elasticsearch rejects and what this engine does not
 * evaluate. A condition position (the query's condition, the terms of {@code and} and {@code or}, the
 * operand of a {@code not} there) holds conditions; everything below it is a value.
 */
public final class Verifier {
    private Verifier() {}

    /**
     * The event query. Sequences, samples and pipes throw {@link UnsupportedQueryException}: they are not
     * judged one event at a time (the facade compiles sequences and samples on their own); what
     * Elasticsearch rejects (an unknown function, a wrong argument count, a comparison of two fields,
     * patterns that are not literals, and/or as a value, a function that computes a value where a condition
     * stands) throws IllegalArgumentException with the reason.
     */
    public static Query.EventQuery verify(Query query) {
        if (!(query instanceof Query.EventQuery event)) {
            throw new UnsupportedQueryException("a " + (query instanceof Query.SequenceQuery ? "sequence" : "sample")
                    + " matches several events, not one");
        }
        if (!event.pipes().isEmpty()) {
            throw new UnsupportedQueryException("pipes (| head, | tail) apply to all the results of a search, not to one event");
        }
        condition(event.condition());
        return event;
    }

    private static void condition(Expr e) {
        if (e instanceof Expr.And || e instanceof Expr.Or || e instanceof Expr.Not) {
            e.children().forEach(Verifier::condition);
        } else if (e instanceof Expr.Comparison c) {
            value(c.left());
            value(c.right());
            if (!isConstant(c.left()) && !isConstant(c.right())) {
                throw new IllegalArgumentException("comparing two fields (or expressions of fields) is not supported by EQL");
            }
        } else {
            value(e);
            if (e instanceof Expr.Call call && !EqlFunction.named(call.name()).returnsBoolean()) {
                throw new IllegalArgumentException("a condition must be boolean, but " + call.name() + "() computes a value");
            }
        }
    }

    private static void value(Expr e) {
        if (e instanceof Expr.And || e instanceof Expr.Or) {
            throw new IllegalArgumentException("and/or cannot be used as a value");
        }
        if (e instanceof Expr.Call call) {
            function(call.name(), call.caseInsensitive(), call.args().size());
        }
        if (e instanceof Expr.Match m && !m.patterns().stream().allMatch(FieldReferences::isConstant)) {
            throw new IllegalArgumentException("the patterns of in, like, regex and : must be literals");
        }
        e.children().forEach(Verifier::value);
    }

    /** What the parser rejects too, for queries built without it: an unknown function, a wrong count, a bad {@code ~}. */
    private static void function(String name, boolean caseInsensitive, int arguments) {
        EqlFunction function = EqlFunction.named(name);
        if (function == null) {
            throw new IllegalArgumentException("unknown function " + name + "()");
        }
        if (caseInsensitive && !function.hasCaseInsensitiveForm) {
            throw new IllegalArgumentException("function " + name + "() has no case-insensitive form " + name + "~()");
        }
        if (arguments < function.minArgs || arguments > function.maxArgs) {
            throw new IllegalArgumentException("function " + name + "() " + function.arity() + ", got " + arguments);
        }
    }
}
