package io.ncwatch.job;

import io.ncwatch.correlate.CorrelationSettings;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.rules.Rule;
import io.ncwatch.rules.RuleFiles;
import io.ncwatch.rules.RuleSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** The rules of a job, read and compiled once in the client so that a bad rule stops the job before it starts. */
public final class JobRules {
    private JobRules() {}

    /**
     * @param eql how the rules compare field values
     * @param notices told about every rule that is skipped and why
     * @throws IllegalArgumentException when the files hold no rule the job can run, or two rules share an id
     */
    public static List<Rule> load(List<Path> files, EqlOptions eql, Consumer<String> notices) {
        List<Rule> rules = new ArrayList<>();
        for (Path file : files) {
            var loaded = RuleFiles.load(file);
            loaded.skipped().forEach(notices);
            rules.addAll(loaded.rules());
        }
        Set<String> ids = new HashSet<>();
        for (Rule rule : rules) {
            if (!ids.add(rule.ruleId())) {
                throw new IllegalArgumentException("two rules have the id " + rule.ruleId() + " (" + rule.origin() + ")");
            }
        }
        RuleSet compiled = RuleSet.compile(rules, eql);
        for (RuleSet.Unsupported unsupported : compiled.unsupported()) {
            notices.accept(unsupported.rule().origin() + ": rule \"" + unsupported.rule().name()
                    + "\" skipped: " + unsupported.reason());
        }
        List<Rule> runnable = compiled.compiled().stream().map(c -> c.rule()).toList();
        if (runnable.isEmpty()) {
            throw new IllegalArgumentException("no rule to run in " + files);
        }
        return runnable;
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
