package io.ncwatch.bench;

import io.ncwatch.eql.EqlOptions;
import io.ncwatch.rules.CompiledRule;
import io.ncwatch.rules.Rule;
import io.ncwatch.rules.RuleFiles;
import io.ncwatch.rules.RuleSet;
import io.ncwatch.rules.SequenceRule;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rule sets of the rule-count curve: the seed rule alone (the job as shipped); the seed rule and
 * sixteen single-event container rules written for the benchmark ({@code rules.ndjson} beside this
 * class); and the seed rule with every single-event and sequence rule of a folder the user names (Elastic's rules
 * are read from where they are, never copied into the project). And the seed rule with sequence rules
 * written for the benchmark ({@code sequence-rules.ndjson}).
 */
final class BenchRules {
    static final String SEED_RULE_ID = "a52a9439-d52c-401c-be37-2785235c6547";

    private BenchRules() {}

    static List<Rule> seed() {
        return RuleFiles.load(SeedRule.FILE).rules();
    }

    /** The seed rule and the benchmark's sixteen. */
    static List<Rule> seventeen() {
        List<Rule> rules = new ArrayList<>(seed());
        rules.addAll(resource("rules.ndjson"));
        return runnable(rules);
    }

    /**
     * The seed rule and the first {@code count} of the benchmark's nine sequence rules
     * ({@code sequence-rules.ndjson}: container sequences of our own, every stage with needles).
     */
    static List<Rule> seedAndSequences(int count) {
        List<Rule> rules = new ArrayList<>(seed());
        rules.addAll(resource("sequence-rules.ndjson").subList(0, count));
        return rules;
    }

    private static List<Rule> resource(String name) {
        try {
            return RuleFiles.load(Path.of(BenchRules.class.getResource(name).toURI())).rules();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The seed rule and every rule under {@code folder} that the job runs, single-event and sequence (a
     * sample or a rule the engine refuses is left out). A folder may hold two generations of
     * one rule under one {@code rule_id} (the seed's among them): each runs, the later ones under the id
     * with a {@code #2}, {@code #3} suffix, since a job needs distinct ids.
     */
    static List<Rule> all(Path folder) {
        List<Rule> rules = new ArrayList<>(seed());
        rules.addAll(RuleFiles.load(folder).rules());
        Set<String> ids = new HashSet<>();
        List<Rule> distinct = new ArrayList<>();
        for (Rule rule : rules) {
            String id = rule.ruleId();
            for (int n = 2; !ids.add(id); n++) {
                id = rule.ruleId() + "#" + n;
            }
            distinct.add(id.equals(rule.ruleId()) ? rule : withId(rule, id));
        }
        return runnable(distinct);
    }

    private static List<Rule> runnable(List<Rule> rules) {
        RuleSet set = RuleSet.compile(rules, EqlOptions.ELASTICSEARCH);
        return Stream.concat(set.compiled().stream().map(CompiledRule::rule), set.sequences().stream().map(SequenceRule::rule)).toList();
    }

    private static Rule withId(Rule r, String id) {
        return new Rule(id, r.name(), r.description(), r.version(), r.severity(), r.riskScore(), r.author(), r.license(),
                r.references(), r.tags(), r.threat(), r.note(), r.language(), r.index(), r.query(), r.origin());
    }
}
