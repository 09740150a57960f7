package io.ncwatch.eql;

import io.ncwatch.eql.ast.Expr.CompareOp;
import io.ncwatch.eql.ast.Expr.MatchKind;
import io.ncwatch.eql.ast.Expr;
import io.ncwatch.eql.ast.Query;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles single-event EQL queries to predicates that give Elasticsearch 8.19's verdicts.
 *
 * <p>As Elasticsearch compiles them to queries, a field-versus-literal comparison or match (and
 * {@code startsWith}, {@code endsWith}, {@code stringContains} or {@code cidrMatch} with a field first) is
 * a two-valued leaf, true when any indexed value of the field passes, and {@code not} over it is a
 * must_not that holds on absent fields. Every other expression is a script, evaluated three-valued over
 * each choice of one value per field occurrence, where null (a null operand, or an error such as
 * division by zero) is no match and {@code not} negates the whole script.
 *
 * <p>Strings longer than {@link EqlOptions#ignoreAbove()} are not indexed, so absent for every
 * comparison, except on the few fields ECS maps as {@code wildcard} or text ({@link #isUnlimited}).
 *
 * <p>{@link CompiledQuery#requiredText()} is necessary, not sufficient: every match contains one of the
 * needles in one of its string values, but an event that contains one may still not match.
 */
public final class EqlCompiler {
    /**
     * Fields whose handful of values most events share, so their literals filter nothing: ECS
     * categorization, and the source and platform of the data.
     */
    private static final Set<String> SHARED_VALUES = Set.of(
            "event.kind", "event.category", "event.type", "event.action", "event.outcome",
            "event.module", "event.dataset", "data_stream.dataset", "host.os.type", "host.os.family");

    /** ECS fields mapped as wildcard or text, which have no ignore_above (plus every *.command_line). */
    private static final Set<String> UNLIMITED = Set.of("message", "error.message", "error.stack_trace",
            "url.full", "url.original", "process.io.text", "registry.data.strings");

    private static final Object NOT_CONSTANT = new Object();
    /** A condition whose value is null: no match, and still no match under {@code not}. */
    private static final Condition UNKNOWN = event -> false;

    private final FieldSlots slots;
    private final EqlOptions options;

    public EqlCompiler(FieldSlots slots, EqlOptions options) {
        this.slots = slots;
        this.options = options;
    }

    /**
     * Compiles an event query. Sequences, samples and pipes throw {@link UnsupportedQueryException};
     * what Elasticsearch rejects (an unknown function, a wrong argument, a comparison of two fields, an
     * invalid regular expression or CIDR) throws IllegalArgumentException with the reason.
     */
    public CompiledQuery compile(Query query) {
        if (!(query instanceof Query.EventQuery event)) {
            throw new UnsupportedQueryException(
                    (query instanceof Query.SequenceQuery ? "sequence" : "sample") + " queries are not evaluated yet");
        }
        if (!event.pipes().isEmpty()) {
            throw new UnsupportedQueryException("pipes (| head, | tail) are not evaluated on a stream");
        }
        Compilation compilation = new Compilation();
        Part part = compilation.condition(event.condition());
        if (event.category() != null) {
            Part category = compilation.fieldPart("event.category",
                    new TermsMatcher(List.of(event.category()), false), null);
            part = compilation.and(List.of(category, part));
        }
        List<Needle> needles = part.needles == null || part.shared ? List.of() : part.needles;
        return new Compiled(part.condition, List.copyOf(compilation.fields), needles);
    }

    /** Whether a field keeps long strings indexed: ECS maps it as wildcard or text, not keyword. */
    static boolean isUnlimited(String path) {
        return path.endsWith(".command_line") || path.equals("command_line") || UNLIMITED.contains(path);
    }

    /**
     * A compiled piece: its condition, the script it is when it is one (so {@code not} can negate the
     * script), and the texts every match contains (null when unknown; shared when they come only
     * from fields whose values most events share).
     */
    private record Part(Condition condition, ScriptCondition script, List<Needle> needles, boolean shared) {
        static Part of(Condition condition) {
            return new Part(condition, null, null, false);
        }
    }

    private record Compiled(Condition condition, List<String> fields, List<Needle> requiredText)
            implements CompiledQuery {
        @Override
        public boolean matches(FieldValues event) {
            return condition.test(event);
        }
    }

    /** The state of one compile: the fields read, in order. */
    private final class Compilation {
        final Set<String> fields = new LinkedHashSet<>();

        Part condition(Expr e) {
            if (e instanceof Expr.And and) {
                return and(and.terms().stream().map(this::condition).toList());
            }
            if (e instanceof Expr.Or or) {
                return or(or.terms().stream().map(this::condition).toList());
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
                return fieldPart(field.path(), new TermsMatcher(List.of(Boolean.TRUE), false), null);
            }
            if (e instanceof Expr.Literal literal) {
                return constant(literal.value());
            }
            return script(e); // arithmetic or negation: never true as a condition, unless folded
        }

        Part and(List<Part> terms) {
            List<Part> known = new ArrayList<>();
            for (Part term : terms) {
                if (term.condition == Connectives.NEVER || term.condition == UNKNOWN) {
                    return Part.of(Connectives.NEVER);
                }
                if (term.needles != null) {
                    known.add(term);
                }
            }
            // Order is free (no term has effects): rare literals first, scripts last, so most events
            // are rejected by the first term.
            List<Condition> conditions = terms.stream()
                    .filter(term -> term.condition != Connectives.ALWAYS)
                    .sorted(Comparator.comparingInt(EqlCompiler::evaluationRank))
                    .map(Part::condition)
                    .toList();
            if (conditions.isEmpty()) {
                return Part.of(Connectives.ALWAYS);
            }
            Part best = known.stream()
                    .min(Comparator.comparing((Part p) -> p.shared)
                            .thenComparing(p -> -shortest(p.needles))
                            .thenComparing(p -> p.needles.size()))
                    .orElse(null);
            Condition condition = Connectives.and(conditions);
            return best == null ? Part.of(condition) : new Part(condition, null, best.needles, best.shared);
        }

        Part or(List<Part> terms) {
            List<Condition> conditions = new ArrayList<>();
            Set<Needle> union = new LinkedHashSet<>();
            boolean allKnown = true;
            boolean shared = false;
            for (Part term : terms) {
                if (term.condition == Connectives.ALWAYS) {
                    return Part.of(Connectives.ALWAYS);
                }
                if (term.condition == Connectives.NEVER || term.condition == UNKNOWN) {
                    continue;
                }
                conditions.add(term.condition);
                if (term.needles == null) {
                    allKnown = false;
                } else {
                    union.addAll(term.needles);
                    shared |= term.shared;
                }
            }
            if (conditions.isEmpty()) {
                return Part.of(Connectives.NEVER);
            }
            Condition condition = Connectives.or(conditions);
            return allKnown ? new Part(condition, null, List.copyOf(union), shared) : Part.of(condition);
        }

        private Part not(Expr operand) {
            if (operand instanceof Expr.Not inner) {
                return condition(inner.operand()); // the optimizer drops a double negation
            }
            Part part = condition(operand);
            if (part.condition == Connectives.ALWAYS) {
                return Part.of(Connectives.NEVER);
            }
            if (part.condition == Connectives.NEVER) {
                return Part.of(Connectives.ALWAYS);
            }
            if (part.condition == UNKNOWN) {
                return part;
            }
            if (part.script != null) {
                ScriptCondition negated = part.script.negate();
                return new Part(negated, negated, null, false);
            }
            return Part.of(Connectives.not(part.condition));
        }

        private Part comparison(CompareOp op, Expr left, Expr right) {
            Object l = constantValue(left);
            Object r = constantValue(right);
            if (l != NOT_CONSTANT && r == NOT_CONSTANT) {
                return comparison(flip(op), right, left); // literals go on the right
            }
            if (r == NOT_CONSTANT) {
                throw new IllegalArgumentException("comparing two fields (or expressions of fields) is not supported by EQL");
            }
            if (l != NOT_CONSTANT) {
                return constant(fold(new ScriptExpr.Compare(op, new ScriptExpr.Constant(l), new ScriptExpr.Constant(r))));
            }
            if (left instanceof Expr.Field field) {
                if (r == null) {
                    if (op != CompareOp.EQ) {
                        return Part.of(UNKNOWN);
                    }
                    return Part.of(Connectives.not(fieldPart(field.path(), ValueMatcher.PRESENT, null).condition));
                }
                ValueMatcher test = op == CompareOp.EQ ? new TermsMatcher(List.of(r), false) : new RangeMatcher(op, r);
                List<Needle> needles = op == CompareOp.EQ ? wholeValues(List.of(r), false) : null;
                return fieldPart(field.path(), test, needles);
            }
            Bindings bindings = new Bindings();
            ScriptExpr value = value(left, bindings);
            ScriptExpr expr = r == null && op == CompareOp.EQ
                    ? new ScriptExpr.IsNull(value)
                    : new ScriptExpr.Compare(op, value, new ScriptExpr.Constant(r));
            return script(expr, bindings);
        }

        private Part match(Expr.Match m) {
            List<Object> patterns = literalPatterns(m);
            if (patterns.isEmpty()) {
                return Part.of(Connectives.NEVER);
            }
            if (m.value() instanceof Expr.Field field) {
                return fieldPart(field.path(), matchTest(m.kind(), m.caseInsensitive(), patterns),
                        matchNeedles(m.kind(), m.caseInsensitive(), patterns));
            }
            return script(m);
        }

        /** The values of a match's patterns, without nulls (which match nothing). */
        private List<Object> literalPatterns(Expr.Match m) {
            List<Object> patterns = new ArrayList<>();
            for (Expr pattern : m.patterns()) {
                Object p = constantValue(pattern);
                if (p == NOT_CONSTANT) {
                    throw new IllegalArgumentException("the patterns of in, like, regex and : must be literals");
                }
                if (p != null) {
                    patterns.add(p);
                }
            }
            return patterns;
        }

        /**
         * A match on a computed value, as Elasticsearch's scripts do it: a literal without wildcards is an
         * equality ({@code ==}, or {@link ScriptExpr.InsensitiveEquals} with {@code ~} or {@code :}),
         * wildcards and regular expressions match strings only.
         */
        private ScriptExpr matchScript(Expr.Match m, ScriptExpr value, List<Object> patterns) {
            if (patterns.isEmpty()) {
                return new ScriptExpr.Constant(null);
            }
            if (m.kind() == MatchKind.REGEX) {
                return new ScriptExpr.Match(value, matchTest(MatchKind.REGEX, m.caseInsensitive(), patterns));
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
                        : new ScriptExpr.Compare(CompareOp.EQ, value, literal);
                any = any == null ? equal : new ScriptExpr.AnyTrue(any, equal);
            }
            if (!wildcards.isEmpty()) {
                ScriptExpr match = new ScriptExpr.Match(value, matchTest(MatchKind.LIKE, m.caseInsensitive(), wildcards));
                any = any == null ? match : new ScriptExpr.AnyTrue(any, match);
            }
            return any;
        }

        private ValueMatcher matchTest(MatchKind kind, boolean caseInsensitive, List<Object> patterns) {
            if (kind == MatchKind.IN) {
                return new TermsMatcher(patterns, caseInsensitive);
            }
            List<ValueMatcher> tests = new ArrayList<>();
            List<Object> plainTexts = new ArrayList<>();
            for (Object pattern : patterns) {
                String text = String.valueOf(pattern);
                if (kind == MatchKind.REGEX) {
                    tests.add(new RegexMatcher(text, caseInsensitive));
                } else if (WildcardPattern.eql(text, caseInsensitive).hasWildcards()) {
                    tests.add(WildcardPattern.eql(text, caseInsensitive));
                } else {
                    plainTexts.add(text); // a pattern without wildcards is a term: one set for all of them
                }
            }
            if (!plainTexts.isEmpty()) {
                tests.add(0, new TermsMatcher(plainTexts, caseInsensitive));
            }
            return AnyValueMatcher.of(tests);
        }

        private List<Needle> matchNeedles(MatchKind kind, boolean caseInsensitive, List<Object> patterns) {
            if (kind == MatchKind.IN) {
                return wholeValues(patterns, caseInsensitive);
            }
            List<Needle> needles = new ArrayList<>();
            for (Object pattern : patterns) {
                String text = String.valueOf(pattern);
                Needle needle = kind == MatchKind.LIKE
                        ? longestRun(WildcardPattern.eql(text, caseInsensitive))
                        : regexLiteral(text, caseInsensitive);
                if (needle == null) {
                    return null;
                }
                needles.add(needle);
            }
            return needles;
        }

        private Part call(Expr.Call call) {
            String name = call.name();
            List<Expr> args = call.args();
            EqlFunctions.check(name, call.caseInsensitive(), args.size());
            if (args.get(0) instanceof Expr.Field field) {
                Part query = queryFunction(name, call.caseInsensitive(), field, args.subList(1, args.size()));
                if (query != null) {
                    return query;
                }
            }
            return script(call);
        }

        /** The functions Elasticsearch turns into prefix, wildcard and terms queries, or null. */
        private Part queryFunction(String name, boolean ci, Expr.Field field, List<Expr> rest) {
            List<Object> literals = new ArrayList<>();
            for (Expr e : rest) {
                Object v = constantValue(e);
                if (v == NOT_CONSTANT) {
                    return null;
                }
                if (v != null && !(v instanceof String)) {
                    throw new IllegalArgumentException(name + "() needs a string argument; received [" + v + "]");
                }
                literals.add(v);
            }
            if (literals.contains(null)) {
                return Part.of(UNKNOWN);
            }
            String text = (String) literals.get(0);
            boolean plain = !text.isEmpty() && text.chars().noneMatch(c -> c == '*' || c == '?' || c == '\\');
            return switch (name) {
                case "startsWith" -> fieldPart(field.path(), WildcardPattern.prefix(text, ci),
                        plain ? List.of(new Needle(text, true, false, ci)) : null);
                case "endsWith" -> fieldPart(field.path(), WildcardPattern.lucene("*" + text, ci),
                        plain ? List.of(new Needle(text, false, true, ci)) : null);
                case "stringContains" -> fieldPart(field.path(), WildcardPattern.lucene("*" + text + "*", ci),
                        plain ? List.of(new Needle(text, false, false, ci)) : null);
                case "cidrMatch" -> fieldPart(field.path(),
                        new CidrMatcher(literals.stream().map(String.class::cast).toList()), null);
                default -> null;
            };
        }

        Part fieldPart(String path, ValueMatcher test, List<Needle> needles) {
            FieldCondition condition = new FieldCondition(slot(path), ignoreAbove(path), test);
            return new Part(condition, null, needles, needles != null && SHARED_VALUES.contains(path));
        }

        private Part script(ScriptExpr expr, Bindings bindings) {
            ScriptCondition condition = new ScriptCondition(expr,
                    bindings.slots.stream().mapToInt(Integer::intValue).toArray(),
                    bindings.limits.stream().mapToInt(Integer::intValue).toArray(), false);
            return new Part(condition, condition, null, false);
        }

        private Part script(Expr e) {
            Bindings bindings = new Bindings();
            ScriptExpr expr = value(e, bindings);
            return bindings.slots.isEmpty() ? constant(fold(expr)) : script(expr, bindings);
        }

        private Part constant(Object value) {
            if (value == null) {
                return Part.of(UNKNOWN);
            }
            return Part.of(value == Boolean.TRUE ? Connectives.ALWAYS : Connectives.NEVER);
        }

        /** The expression as a script value; each field occurrence gets its own binding. */
        ScriptExpr value(Expr e, Bindings bindings) {
            if (e instanceof Expr.Literal literal) {
                return new ScriptExpr.Constant(literal.value());
            }
            if (e instanceof Expr.Field field) {
                bindings.slots.add(slot(field.path()));
                bindings.limits.add(ignoreAbove(field.path()));
                return new ScriptExpr.Binding(bindings.slots.size() - 1);
            }
            if (e instanceof Expr.Call call) {
                EqlFunctions.check(call.name(), call.caseInsensitive(), call.args().size());
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
                return new ScriptExpr.Compare(c.op(), value(c.left(), bindings), value(c.right(), bindings));
            }
            if (e instanceof Expr.Not not) {
                return new ScriptExpr.Not(value(not.operand(), bindings));
            }
            if (e instanceof Expr.Match m) {
                return matchScript(m, value(m.value(), bindings), literalPatterns(m));
            }
            throw new IllegalArgumentException("and/or cannot be used as a value");
        }

        /** The value of an expression without fields (folded as Elasticsearch folds it), else NOT_CONSTANT. */
        private Object constantValue(Expr e) {
            Bindings bindings = new Bindings();
            ScriptExpr expr = value(e, bindings);
            if (!bindings.slots.isEmpty()) {
                return NOT_CONSTANT;
            }
            return fold(expr);
        }

        /** Evaluates an expression without fields at compile time, as Elasticsearch's optimizer folds it. */
        private Object fold(ScriptExpr expr) {
            try {
                return expr.eval(null);
            } catch (ArithmeticException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("cannot evaluate the constant expression: " + e.getMessage(), e);
            }
        }

        private int slot(String path) {
            fields.add(path);
            return slots.slotOf(path);
        }

        private int ignoreAbove(String path) {
            return options.ignoreAbove() == 0 || isUnlimited(path) ? Integer.MAX_VALUE : options.ignoreAbove();
        }
    }

    /** The field occurrences of one script, in binding order. */
    private static final class Bindings {
        final List<Integer> slots = new ArrayList<>();
        final List<Integer> limits = new ArrayList<>();
    }

    private static CompareOp flip(CompareOp op) {
        return switch (op) {
            case EQ -> CompareOp.EQ;
            case LT -> CompareOp.GT;
            case LE -> CompareOp.GE;
            case GT -> CompareOp.LT;
            case GE -> CompareOp.LE;
        };
    }

    /** 0 for terms that need rare texts, 2 for scripts, 1 for the rest. */
    private static int evaluationRank(Part part) {
        if (part.needles != null && !part.shared) {
            return 0;
        }
        return part.script != null ? 2 : 1;
    }

    private static int shortest(List<Needle> needles) {
        return needles.stream().mapToInt(n -> n.text().length()).min().orElse(0);
    }

    /**
     * Needles for literals that must equal a whole string value; unknown when a literal could also match
     * a JSON number or boolean (which the raw bytes hold unquoted) or is empty.
     */
    private static List<Needle> wholeValues(List<Object> literals, boolean caseInsensitive) {
        List<Needle> needles = new ArrayList<>();
        for (Object literal : literals) {
            if (!(literal instanceof String text) || !isTextual(text)) {
                return null;
            }
            needles.add(new Needle(text, true, true, caseInsensitive));
        }
        return needles;
    }

    private static Needle longestRun(WildcardPattern pattern) {
        Needle longest = null;
        for (Needle run : pattern.literalRuns()) {
            if (longest == null || run.text().length() > longest.text().length()) {
                longest = run;
            }
        }
        return longest == null || !isTextual(longest.text()) ? null : longest;
    }

    /** A regular expression without any operator character is its own literal. */
    private static Needle regexLiteral(String pattern, boolean caseInsensitive) {
        boolean literal = pattern.chars().noneMatch(c -> ".?+*|{}[]()\"\\#@&<>~^$".indexOf(c) >= 0);
        return literal && isTextual(pattern) ? new Needle(pattern, true, true, caseInsensitive) : null;
    }

    private static boolean isTextual(String text) {
        return !text.isEmpty() && Numbers.parse(text) == null && !text.equals("true") && !text.equals("false");
    }
}
