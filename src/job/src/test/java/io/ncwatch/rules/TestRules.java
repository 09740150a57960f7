package io.ncwatch.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** Rules for tests: an id and a query, the rest as a minimal detection-rules file would give it. */
public final class TestRules {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestRules() {}

    /** The same rule as JSON, as a line of a Kibana export or a record of the rules topic holds it. */
    public static String json(String id, String query) {
        try {
            return JSON.writeValueAsString(Map.of("rule_id", id, "name", "Rule " + id, "severity", "low", "risk_score", 21,
                    "type", "eql", "language", "eql", "query", query));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Rule rule(String id, String query) {
        return new Rule(id, "Rule " + id, "", 1, "low", 21, List.of("Elastic"), null, List.of(), List.of(), List.of(),
                null, "eql", List.of(), query, "rules/" + id + ".toml");
    }
}
