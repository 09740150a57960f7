package io.ncwatch.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
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

    /** The rule with these exception items. */
    public static Rule excepting(Rule rule, ExceptionItem... items) {
        return copy(rule, rule.maxSignals(), rule.interval(), List.of(items), rule.suppression());
    }

    /** The rule with this {@code max_signals} per {@code interval}. */
    public static Rule limited(Rule rule, int maxSignals, Duration interval) {
        return copy(rule, maxSignals, interval, rule.exceptions(), rule.suppression());
    }

    /** The rule with this alert suppression. */
    public static Rule suppressing(Rule rule, AlertSuppression suppression) {
        return copy(rule, rule.maxSignals(), rule.interval(), rule.exceptions(), suppression);
    }

    private static Rule copy(Rule rule, int maxSignals, Duration interval, List<ExceptionItem> exceptions,
            AlertSuppression suppression) {
        return new Rule(rule.ruleId(), rule.name(), rule.description(), rule.version(), rule.severity(), rule.riskScore(),
                rule.author(), rule.license(), rule.references(), rule.tags(), rule.threat(), rule.note(), rule.language(),
                rule.index(), rule.query(), rule.origin(), rule.enabled(), maxSignals, interval, exceptions, suppression);
    }

    /** An exception item of these entries. */
    public static ExceptionItem item(ExceptionEntry... entries) {
        return new ExceptionItem("test item", List.of(entries));
    }

    public static ExceptionEntry entry(String field, ExceptionEntry.Type type, String... values) {
        return new ExceptionEntry(field, ExceptionEntry.Operator.INCLUDED, type, List.of(values));
    }

    public static ExceptionEntry excluded(String field, ExceptionEntry.Type type, String... values) {
        return new ExceptionEntry(field, ExceptionEntry.Operator.EXCLUDED, type, List.of(values));
    }
}
