package io.ncwatch.rules;

import io.ncwatch.eql.EqlCompiler;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.eql.analysis.FieldSlots;
import io.ncwatch.eql.analysis.FieldTypes;
import io.ncwatch.eql.analysis.UnsupportedQueryException;
import io.ncwatch.eql.parser.EqlParser;
import io.ncwatch.eql.parser.EqlSyntaxException;
import io.ncwatch.eql.runtime.FieldValues;
import io.ncwatch.eql.runtime.Needle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rules compiled together into one {@link FieldSlots}, so that one decoding of an event serves all of
 * them. Rules this version cannot evaluate (sequences) are kept aside with the reason.
 */
public final class RuleSet {

    private static final String[] NONE = new String[0];

    /** A valid rule that this version cannot evaluate yet, and why. */
    public record Unsupported(Rule rule, String reason) {}

    private final FieldSlots slots;
    private final FieldTypes types;
    private final List<CompiledRule> compiled;
    private final List<Unsupported> unsupported;

    private RuleSet(FieldSlots slots, FieldTypes types, List<CompiledRule> compiled, List<Unsupported> unsupported) {
        this.slots = slots;
        this.types = types;
        this.compiled = List.copyOf(compiled);
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
        List<Unsupported> unsupported = new ArrayList<>();
        for (Rule rule : rules) {
            try {
                compiled.add(new CompiledRule(rule, compiler.compile(EqlParser.parse(rule.query()))));
            } catch (UnsupportedQueryException e) {
                unsupported.add(new Unsupported(rule, e.getMessage()));
            } catch (EqlSyntaxException | IllegalArgumentException e) {
                throw new InvalidRuleException(rule, e);
            }
        }
        return new RuleSet(slots, options.types(), compiled, unsupported);
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

    public List<Unsupported> unsupported() {
        return unsupported;
    }

    /**
     * The ids of the compiled rules that {@code event} matches, in rule order; empty when none. The job's
     * decoder and {@code hunt} both judge events here, so they cannot differ.
     */
    public String[] matching(FieldValues event) {
        List<String> ids = null;
        for (CompiledRule rule : compiled) {
            if (rule.query().matches(event)) {
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
        Set<Needle> needles = new LinkedHashSet<>();
        for (CompiledRule rule : compiled) {
            List<Needle> ofRule = rule.query().requiredText();
            if (ofRule.isEmpty()) {
                return List.of();
            }
            needles.addAll(ofRule);
        }
        return List.copyOf(needles);
    }
}
