package io.ncwatch.rules;

import java.util.List;

/** Rules for tests: an id and a query, the rest as a minimal detection-rules file would give it. */
public final class TestRules {
    private TestRules() {}

    public static Rule rule(String id, String query) {
        return new Rule(id, "Rule " + id, "", 1, "low", 21, List.of("Elastic"), null, List.of(), List.of(), List.of(),
                null, "eql", List.of(), query, "rules/" + id + ".toml");
    }
}
