package io.ncwatch.rules;

import java.util.List;

/**
 * The EQL rules found in a file or folder, in file order, and one notice for each entry that was
 * skipped (a rule in another query language, an exception list of a Kibana export, ...).
 */
public record LoadedRules(List<Rule> rules, List<String> skipped) {

    public LoadedRules {
        rules = List.copyOf(rules);
        skipped = List.copyOf(skipped);
    }
}
