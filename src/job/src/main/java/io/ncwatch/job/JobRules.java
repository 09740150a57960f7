package io.ncwatch.job;

import io.ncwatch.correlate.CorrelationSettings;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.rules.Rule;
import io.ncwatch.rules.RuleFiles;
import io.ncwatch.rules.RuleSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** The rules of a job, read and compiled once in the client so that a bad rule stops the job before it starts. */
public final class JobRules {
    private JobRules() {}

    /**
     * @param eql how the rules compare field values
     * @param notices told about every rule that is skipped and why (disabled ones too: they are compiled, so a
     *     broken one stops the job as an enabled one would), and every rule a later one of the same id replaces
     * @throws IllegalArgumentException when the files hold no rule the job can run
     */
    public static List<Rule> load(List<Path> files, EqlOptions eql, Consumer<String> notices) {
        List<Rule> read = new ArrayList<>();
        for (Path file : files) {
            var loaded = RuleFiles.load(file);
            loaded.skipped().forEach(notices);
            read.addAll(loaded.rules());
        }
        List<Rule> rules = lastOfEachId(read, notices);
        RuleSet compiled = RuleSet.compile(rules, eql);
        for (RuleSet.Unsupported unsupported : compiled.unsupported()) {
            notices.accept(unsupported.rule().origin() + ": rule \"" + unsupported.rule().name()
                    + "\" skipped: " + unsupported.reason());
        }
        Set<Rule> unsupported = new HashSet<>();
        compiled.unsupported().forEach(skipped -> unsupported.add(skipped.rule()));
        rules.stream().filter(rule -> !rule.enabled()).forEach(rule -> notices.accept(rule.origin() + ": rule \""
                + rule.name() + "\" is disabled (enabled = false): checked, not run"));
        List<Rule> runnable = rules.stream().filter(rule -> rule.enabled() && !unsupported.contains(rule)).toList();
        if (runnable.isEmpty()) {
            throw new IllegalArgumentException("no rule to run in " + files);
        }
        return runnable;
    }

    /**
     * One rule per id, the one read last, in the place of the first: an alert names its rule by id, and
     * Elastic's exports hold two generations of a rule under one id.
     */
    static List<Rule> lastOfEachId(List<Rule> rules, Consumer<String> notices) {
        Map<String, Rule> byId = new LinkedHashMap<>();
        for (Rule rule : rules) {
            Rule replaced = byId.put(rule.ruleId(), rule);
            if (replaced != null) {
                notices.accept(rule.origin() + ": rule \"" + rule.name() + "\" replaces \"" + replaced.name()
                        + "\" of " + replaced.origin() + ", which has the same id " + rule.ruleId());
            }
        }
        return List.copyOf(byId.values());
    }

    /**
     * The ids of the rules whose detections are listeners: those {@code correlation.listener-rules} names,
     * or every rule of the job when it names none.
     *
     * @throws IllegalArgumentException when it names a rule the job does not run
     */
    public static Set<String> listenerRules(CorrelationSettings correlation, List<Rule> rules) {
        Set<String> ids = new LinkedHashSet<>();
        rules.forEach(rule -> ids.add(rule.ruleId()));
        if (correlation.listenerRules() == null) {
            return ids;
        }
        for (String id : correlation.listenerRules()) {
            if (!ids.contains(id)) {
                throw new IllegalArgumentException("correlation.listener-rules names " + id + ", which is not a rule of the job");
            }
        }
        return Set.copyOf(correlation.listenerRules());
    }
}
