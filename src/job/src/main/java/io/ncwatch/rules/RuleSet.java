package io.ncwatch.rules;

import io.ncwatch.eql.EqlCompiler;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.eql.analysis.FieldSlots;
import io.ncwatch.eql.analysis.FieldTypes;
import io.ncwatch.eql.analysis.UnsupportedQueryException;
import io.ncwatch.eql.parser.EqlParser;
import io.ncwatch.eql.parser.EqlSyntaxException;
import io.ncwatch.eql.parser.ast.Query;
import io.ncwatch.eql.runtime.CompiledQuery;
import io.ncwatch.eql.runtime.CompiledSequence;
import io.ncwatch.eql.runtime.FieldValues;
import io.ncwatch.eql.runtime.Needle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rules compiled together into one {@link FieldSlots}, so that one decoding of an event serves all of
 * them: single-event rules, and sequences (the job's sequence stage runs them over the events their
 * stages match). Rules a stream cannot evaluate (samples, pipes) are kept aside with the reason.
 */
public final class RuleSet {

    private static final String[] NONE = new String[0];

    /** A valid rule that this version cannot evaluate yet, and why. */
    public record Unsupported(Rule rule, String reason) {}

    private final FieldSlots slots;
    private final FieldTypes types;
    private final List<CompiledRule> compiled;
    private final List<SequenceRule> sequences;
    private final List<Unsupported> unsupported;

    private RuleSet(FieldSlots slots, FieldTypes types, List<CompiledRule> compiled, List<SequenceRule> sequences,
            List<Unsupported> unsupported) {
        this.slots = slots;
        this.types = types;
        this.compiled = List.copyOf(compiled);
        this.sequences = List.copyOf(sequences);
        this.unsupported = List.copyOf(unsupported);
    }

    /**
     * Parses and compiles every rule.
     *
     * @throws InvalidRuleException for the first rule whose query is not valid EQL or does not compile
     */
    public static RuleSet compile(List<Rule> rules, EqlOptions options) {
        FieldSlots slots = new FieldSlots();
        EqlCompiler compiler = new EqlCompiler(slots, options);
        List<CompiledRule> compiled = new ArrayList<>();
        List<SequenceRule> sequences = new ArrayList<>();
        List<Unsupported> unsupported = new ArrayList<>();
        for (Rule rule : rules) {
            try {
                Query query = EqlParser.parse(rule.query());
                if (query instanceof Query.SequenceQuery sequence) {
                    sequences.add(new SequenceRule(rule, compileSequence(compiler, sequence), exceptions(compiler, rule)));
                } else {
                    compiled.add(new CompiledRule(rule, compiler.compile(query), exceptions(compiler, rule)));
                }
            } catch (UnsupportedQueryException e) {
                unsupported.add(new Unsupported(rule, e.getMessage()));
            } catch (EqlSyntaxException | IllegalArgumentException e) {
                throw new InvalidRuleException(rule, e);
            }
        }
        return new RuleSet(slots, options.types(), compiled, sequences, unsupported);
    }

    /** The rule's exception items as one query, compiled into the same slots; null when it has none. */
    private static CompiledQuery exceptions(EqlCompiler compiler, Rule rule) {
        if (rule.exceptions().isEmpty()) {
            return null;
        }
        try {
            return compiler.compile(EqlParser.parse(ExceptionQuery.of(rule.exceptions())));
        } catch (EqlSyntaxException | IllegalArgumentException | UnsupportedQueryException e) {
            throw new InvalidRuleException(rule, new IllegalArgumentException("its exceptions: " + e.getMessage(), e));
        }
    }

    /** True when {@code exceptions} (a rule's, null for none) match the event. */
    static boolean excepted(CompiledQuery exceptions, FieldValues event) {
        return exceptions != null && exceptions.matches(event);
    }

    private static CompiledSequence compileSequence(EqlCompiler compiler, Query.SequenceQuery sequence) {
        if (!sequence.pipes().isEmpty()) {
            throw new UnsupportedQueryException("pipes (| head, | tail) need an end of input, which a stream has not");
        }
        return compiler.compileSequence(sequence);
    }

    /** The slots every compiled rule reads; decode events with this table. */
    public FieldSlots slots() {
        return slots;
    }

    /**
     * By slot of {@link #slots()} as it is now, the mapping's {@code null_value} that stands for a JSON null
     * (null where none); decode with these.
     */
    public Object[] nullValues() {
        return types.nullValues(slots.paths());
    }

    public List<CompiledRule> compiled() {
        return compiled;
    }

    /** The sequence rules, in rule order. */
    public List<SequenceRule> sequences() {
        return sequences;
    }

    public List<Unsupported> unsupported() {
        return unsupported;
    }

    /**
     * The ids of the compiled rules that {@code event} matches and no exception of theirs excepts, in rule
     * order; empty when none. The job's
     * decoder and {@code hunt} both judge events here, so they cannot differ.
     */
    public String[] matching(FieldValues event) {
        return matching(event, Judgements.IGNORED);
    }

    /** As {@link #matching(FieldValues)}, telling {@code judgements} each rule's verdict. */
    public String[] matching(FieldValues event, Judgements judgements) {
        List<String> ids = null;
        for (int i = 0; i < compiled.size(); i++) {
            CompiledRule rule = compiled.get(i);
            boolean timed = judgements.timesNext(i);
            long start = timed ? System.nanoTime() : 0;
            boolean matches = rule.matches(event);
            judgements.judged(i, matches, timed ? System.nanoTime() - start : 0);
            if (matches) {
                ids = ids == null ? new ArrayList<>(2) : ids;
                ids.add(rule.rule().ruleId());
            }
        }
        return ids == null ? NONE : ids.toArray(NONE);
    }

    /**
     * Texts of which every event that matches any compiled rule contains one; empty when some rule
     * has no such set (then every event must be decoded).
     */
    public List<Needle> requiredText() {
        return union(compiled.stream().map(rule -> rule.query().requiredText()).toList());
    }

    /** All the needles, or none when one of the sets is empty (unknown). */
    private static List<Needle> union(List<List<Needle>> sets) {
        Set<Needle> needles = new LinkedHashSet<>();
        for (List<Needle> set : sets) {
            if (set.isEmpty()) {
                return List.of();
            }
            needles.addAll(set);
        }
        return List.copyOf(needles);
    }
}
