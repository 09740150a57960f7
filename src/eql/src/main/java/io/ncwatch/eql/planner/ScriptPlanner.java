package io.ncwatch.eql.planner;

import io.ncwatch.eql.analysis.ResolvedField;
import io.ncwatch.eql.parser.ast.Expr;
import io.ncwatch.eql.parser.ast.Expr.CompareOp;
import io.ncwatch.eql.parser.ast.Expr.MatchKind;
import io.ncwatch.eql.runtime.Relation;
import io.ncwatch.eql.runtime.ScriptCondition;
import io.ncwatch.eql.runtime.ScriptExpr;
import io.ncwatch.eql.runtime.WildcardPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plans what Elasticsearch runs as scripts: expressions as {@link ScriptExpr}, each field occurrence
 * bound on its own; and folds constants by evaluating their script now, as Elasticsearch's optimizer
 * folds them.
 */
final class ScriptPlanner {
    private final Map<String, ResolvedField> fields;

    ScriptPlanner(Map<String, ResolvedField> fields) {
        this.fields = fields;
    }

    /** A condition as a script, or the constant it folds to when it reads no field. */
    Part script(Expr e) {
        Bindings bindings = new Bindings();
        ScriptExpr expr = value(e, bindings);
        return bindings.slots.isEmpty() ? Part.constant(fold(expr)) : script(expr, bindings);
    }

    /** {@code left op right} where left reads fields and right is a literal (null: {@code left == null}). */
    Part comparison(CompareOp op, Expr left, Object right) {
        Bindings bindings = new Bindings();
        ScriptExpr value = value(left, bindings);
        ScriptExpr expr = right == null && op == CompareOp.EQ
                ? new ScriptExpr.IsNull(value)
                : new ScriptExpr.Compare(Relations.of(op), value, new ScriptExpr.Constant(right));
        return script(expr, bindings);
    }

    /** The value of an expression without fields, folded as Elasticsearch folds it. */
    Object fold(Expr constant) {
        return fold(value(constant, new Bindings()));
    }

    /** The values of a match's patterns, without nulls (which match nothing). */
    List<Object> patterns(Expr.Match m) {
        List<Object> patterns = new ArrayList<>();
        for (Expr pattern : m.patterns()) {
            Object p = fold(pattern);
            if (p != null) {
                patterns.add(p);
            }
        }
        return patterns;
    }

    private Part script(ScriptExpr expr, Bindings bindings) {
        return Part.script(new ScriptCondition(expr,
                bindings.slots.stream().mapToInt(Integer::intValue).toArray(),
                bindings.limits.stream().mapToInt(Integer::intValue).toArray(), false));
    }

    /** The expression as a script value; each field occurrence gets its own binding. */
    private ScriptExpr value(Expr e, Bindings bindings) {
        if (e instanceof Expr.Literal literal) {
            return new ScriptExpr.Constant(literal.value());
        }
        if (e instanceof Expr.Field field) {
            ResolvedField resolved = fields.get(field.path());
            bindings.slots.add(resolved.slot());
            bindings.limits.add(resolved.ignoreAbove());
            return new ScriptExpr.Binding(bindings.slots.size() - 1);
        }
        if (e instanceof Expr.Call call) {
            ScriptExpr[] args = call.args().stream().map(a -> value(a, bindings)).toArray(ScriptExpr[]::new);
            return new ScriptExpr.Call(call.name(), call.caseInsensitive(), args);
        }
        if (e instanceof Expr.Arithmetic a) {
            String function = switch (a.op()) {
                case ADD -> "add";
                case SUB -> "subtract";
                case MUL -> "multiply";
                case DIV -> "divide";
                case MOD -> "modulo";
            };
            return new ScriptExpr.Arithmetic(function, value(a.left(), bindings), value(a.right(), bindings));
        }
        if (e instanceof Expr.Negate n) {
            return new ScriptExpr.Negate(value(n.operand(), bindings));
        }
        if (e instanceof Expr.Comparison c) {
            return new ScriptExpr.Compare(Relations.of(c.op()), value(c.left(), bindings), value(c.right(), bindings));
        }
        if (e instanceof Expr.Not not) {
            return new ScriptExpr.Not(value(not.operand(), bindings));
        }
        if (e instanceof Expr.Match m) {
            return match(m, value(m.value(), bindings), patterns(m));
        }
        throw new IllegalStateException("the verifier lets no and/or through as a value: " + e);
    }

    /**
     * A match on a computed value, as Elasticsearch's scripts do it: a literal without wildcards is an
     * equality ({@code ==}, or {@link ScriptExpr.InsensitiveEquals} with {@code ~} or {@code :}),
     * wildcards and regular expressions match strings only.
     */
    private static ScriptExpr match(Expr.Match m, ScriptExpr value, List<Object> patterns) {
        if (patterns.isEmpty()) {
            return new ScriptExpr.Constant(null);
        }
        if (m.kind() == MatchKind.REGEX) {
            return new ScriptExpr.Match(value, PatternMatchers.of(MatchKind.REGEX, m.caseInsensitive(), patterns));
        }
        ScriptExpr any = null;
        List<Object> wildcards = new ArrayList<>();
        for (Object pattern : patterns) {
            if (m.kind() == MatchKind.LIKE && WildcardPattern.eql(String.valueOf(pattern), false).hasWildcards()) {
                wildcards.add(pattern);
                continue;
            }
            ScriptExpr literal = new ScriptExpr.Constant(pattern);
            ScriptExpr equal = m.caseInsensitive()
                    ? new ScriptExpr.InsensitiveEquals(value, literal)
                    : new ScriptExpr.Compare(Relation.EQ, value, literal);
            any = any == null ? equal : new ScriptExpr.AnyTrue(any, equal);
        }
        if (!wildcards.isEmpty()) {
            ScriptExpr match = new ScriptExpr.Match(value, PatternMatchers.of(MatchKind.LIKE, m.caseInsensitive(), wildcards));
            any = any == null ? match : new ScriptExpr.AnyTrue(any, match);
        }
        return any;
    }

    /** Evaluates an expression without fields now, as Elasticsearch's optimizer folds it. */
    private static Object fold(ScriptExpr expr) {
        try {
            return expr.eval(null);
        } catch (ArithmeticException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("cannot evaluate the constant expression: " + e.getMessage(), e);
        }
    }

    /** The field occurrences of one script, in binding order. */
    private static final class Bindings {
        final List<Integer> slots = new ArrayList<>();
        final List<Integer> limits = new ArrayList<>();
    }
}
