package io.ncwatch.eql.planner;

import static io.ncwatch.eql.analysis.FieldReferences.isConstant;

import io.ncwatch.eql.analysis.ResolvedField;
import io.ncwatch.eql.parser.ast.Expr;
import io.ncwatch.eql.parser.ast.Expr.CompareOp;
import io.ncwatch.eql.runtime.CidrMatcher;
import io.ncwatch.eql.runtime.Connectives;
import io.ncwatch.eql.runtime.FieldCondition;
import io.ncwatch.eql.runtime.Needle;
import io.ncwatch.eql.runtime.RangeMatcher;
import io.ncwatch.eql.runtime.TermsMatcher;
import io.ncwatch.eql.runtime.ValueMatcher;
import io.ncwatch.eql.runtime.WildcardPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plans a verified condition as Elasticsearch translates it: a field-versus-literal comparison or match
 * (and {@code startsWith}, {@code endsWith}, {@code stringContains} or {@code cidrMatch} with a field
 * first) becomes a query on the field; every other expression a script.
 */
final class ConditionPlanner {
    private final Map<String, ResolvedField> fields;
    private final ScriptPlanner scripts;

    ConditionPlanner(Map<String, ResolvedField> fields) {
        this.fields = fields;
        this.scripts = new ScriptPlanner(fields);
    }

    Part condition(Expr e) {
        if (e instanceof Expr.And and) {
            return PartConnectives.and(and.terms().stream().map(this::condition).toList());
        }
        if (e instanceof Expr.Or or) {
            return PartConnectives.or(or.terms().stream().map(this::condition).toList());
        }
        if (e instanceof Expr.Not not) {
            return not(not.operand());
        }
        if (e instanceof Expr.Comparison c) {
            return comparison(c.op(), c.left(), c.right());
        }
        if (e instanceof Expr.Match m) {
            return match(m);
        }
        if (e instanceof Expr.Call call) {
            return call(call);
        }
        if (e instanceof Expr.Field field) {
            return field(field.path(), mapped(field.path(), new TermsMatcher(List.of(Boolean.TRUE), false)), null);
        }
        if (e instanceof Expr.Literal literal) {
            return Part.constant(literal.value());
        }
        return scripts.script(e); // arithmetic or negation: never true as a condition, unless folded
    }

    /** {@code test} on the values of the field as its mapping indexes them. */
    private ValueMatcher mapped(String path, ValueMatcher test) {
        return MappedComparisons.onIndexed(fields.get(path), test);
    }

    /**
     * A query on one field: true when one of its indexed values passes {@code test}; {@code needles} are
     * kept where the document's bytes hold a matching value's text.
     */
    Part field(String path, ValueMatcher test, List<Needle> needles) {
        ResolvedField resolved = fields.get(path);
        FieldCondition condition = new FieldCondition(resolved.slot(), resolved.ignoreAbove(), test);
        List<Needle> kept = MappedComparisons.keepsText(resolved) ? needles : null;
        return new Part(condition, null, kept, kept != null && RequiredText.isShared(path));
    }

    private Part not(Expr operand) {
        if (operand instanceof Expr.Not inner) {
            return condition(inner.operand()); // the optimizer drops a double negation
        }
        return PartConnectives.not(condition(operand));
    }

    /** The verifier lets no comparison of two fields through: one side is constant. */
    private Part comparison(CompareOp op, Expr left, Expr right) {
        if (isConstant(left) && !isConstant(right)) {
            return comparison(Relations.flip(op), right, left); // literals go on the right
        }
        if (isConstant(left)) {
            return Part.constant(scripts.fold(new Expr.Comparison(op, left, right)));
        }
        Object r = scripts.fold(right);
        if (!(left instanceof Expr.Field field)) {
            return scripts.comparison(op, left, r);
        }
        if (r == null) {
            if (op != CompareOp.EQ) {
                return Part.of(Part.UNKNOWN);
            }
            return Part.of(Connectives.not(field(field.path(), ValueMatcher.PRESENT, null).condition()));
        }
        ResolvedField resolved = fields.get(field.path());
        Object literal = MappedComparisons.literals(field.path(), resolved, List.of(r)).get(0);
        ValueMatcher test = op == CompareOp.EQ
                ? new TermsMatcher(List.of(literal), false)
                : new RangeMatcher(Relations.of(op), literal);
        List<Needle> needles = op == CompareOp.EQ ? RequiredText.wholeValues(List.of(r), false) : null;
        return field(field.path(), mapped(field.path(), test), needles);
    }

    private Part match(Expr.Match m) {
        List<Object> patterns = scripts.patterns(m);
        if (patterns.isEmpty()) {
            return Part.of(Connectives.NEVER);
        }
        if (m.value() instanceof Expr.Field field) {
            ResolvedField resolved = fields.get(field.path());
            if (!MappedComparisons.isString(resolved)) {
                MappedComparisons.requireTerms(field.path(), resolved, m.kind(), patterns);
                List<Object> terms = MappedComparisons.literals(field.path(), resolved, patterns);
                return field(field.path(), mapped(field.path(), new TermsMatcher(terms, false)), null);
            }
            return field(field.path(), mapped(field.path(), PatternMatchers.of(m.kind(), m.caseInsensitive(), patterns)),
                    RequiredText.ofPatterns(m.kind(), m.caseInsensitive(), patterns));
        }
        return scripts.script(m);
    }

    private Part call(Expr.Call call) {
        List<Expr> args = call.args();
        if (args.get(0) instanceof Expr.Field field) {
            Part query = queryFunction(call.name(), call.caseInsensitive(), field, args.subList(1, args.size()));
            if (query != null) {
                return query;
            }
        }
        return scripts.script(call);
    }

    /** The functions Elasticsearch turns into prefix, wildcard and terms queries, or null. */
    private Part queryFunction(String name, boolean ci, Expr.Field field, List<Expr> rest) {
        List<Object> literals = new ArrayList<>();
        for (Expr e : rest) {
            if (!isConstant(e)) {
                return null;
            }
            Object v = scripts.fold(e);
            if (v != null && !(v instanceof String)) {
                throw new IllegalArgumentException(name + "() needs a string argument; received [" + v + "]");
            }
            literals.add(v);
        }
        if (literals.contains(null)) {
            return Part.of(Part.UNKNOWN);
        }
        String text = (String) literals.get(0);
        ResolvedField resolved = fields.get(field.path());
        if (!name.equals("cidrMatch") && !MappedComparisons.isString(resolved)) {
            throw MappedComparisons.notString(field.path(), resolved, name + "()");
        }
        return switch (name) {
            case "startsWith" -> field(field.path(), WildcardPattern.prefix(text, ci),
                    RequiredText.ofFunctionText(text, true, false, ci));
            case "endsWith" -> field(field.path(), WildcardPattern.lucene("*" + text, ci),
                    RequiredText.ofFunctionText(text, false, true, ci));
            case "stringContains" -> field(field.path(), WildcardPattern.lucene("*" + text + "*", ci),
                    RequiredText.ofFunctionText(text, false, false, ci));
            case "cidrMatch" -> field(field.path(),
                    new CidrMatcher(literals.stream().map(String.class::cast).toList()), null);
            default -> null;
        };
    }
}
