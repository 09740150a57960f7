package io.ncwatch.rules;

import java.io.Serializable;
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
        String origin)
        implements Serializable {

    public Rule {
        author = List.copyOf(author);
        references = List.copyOf(references);
        tags = List.copyOf(tags);
        threat = List.copyOf(threat);
        index = List.copyOf(index);
    }
}
