package io.ncwatch.rules;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * A detection rule as Elastic writes it (detection-rules TOML or a Kibana export), before its query is
 * compiled. Field names follow Kibana's rule API ({@code rule_id}, {@code risk_score}, ...).
 *
 * @param version 1 when the file does not say (detection-rules keeps versions outside the rule files)
 * @param note the investigation guide, Markdown; null when the rule has none
 * @param language the query language: only {@code eql} rules are loaded
 * @param index the index patterns Kibana searches; ncwatch reads a stream instead, so this is information
 * @param origin where the rule was read: a file, or a file and line for NDJSON
 * @param enabled Elastic's {@code enabled}: a disabled rule is read and checked, but the job does not run it
 * @param maxSignals Elastic's {@code max_signals}: the most alerts the rule raises per {@code interval} of event time
 * @param interval Elastic's {@code interval}, how often Kibana runs the rule: here the window of {@code maxSignals}
 * @param exceptions Elastic's rule exceptions: an alert is dropped when any of these items matches its event
 * @param suppression Elastic's {@code alert_suppression}; null when the rule has none
 */
public record Rule(
        String ruleId,
        String name,
        String description,
        int version,
        String severity,
        int riskScore,
        List<String> author,
        String license,
        List<String> references,
        List<String> tags,
        List<Threat> threat,
        String note,
        String language,
        List<String> index,
        String query,
        String origin,
        boolean enabled,
        int maxSignals,
        Duration interval,
        List<ExceptionItem> exceptions,
        AlertSuppression suppression)
        implements Serializable {

    /** Kibana's defaults: at most 100 alerts per run, a run every 5 minutes. */
    public static final int DEFAULT_MAX_SIGNALS = 100;
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

    /** An enabled rule with Kibana's defaults for {@code max_signals} and {@code interval}, no exceptions, no suppression. */
    public Rule(String ruleId, String name, String description, int version, String severity, int riskScore,
            List<String> author, String license, List<String> references, List<String> tags, List<Threat> threat,
            String note, String language, List<String> index, String query, String origin) {
        this(ruleId, name, description, version, severity, riskScore, author, license, references, tags, threat, note,
                language, index, query, origin, true, DEFAULT_MAX_SIGNALS, DEFAULT_INTERVAL, List.of(), null);
    }

    /** This rule with {@code suppression} as its {@code alert_suppression}. */
    public Rule withSuppression(AlertSuppression suppression) {
        return new Rule(ruleId, name, description, version, severity, riskScore, author, license, references, tags, threat,
                note, language, index, query, origin, enabled, maxSignals, interval, exceptions, suppression);
    }

    public Rule {
        exceptions = List.copyOf(exceptions);
        author = List.copyOf(author);
        references = List.copyOf(references);
        tags = List.copyOf(tags);
        threat = List.copyOf(threat);
        index = List.copyOf(index);
    }
}
