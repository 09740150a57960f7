package io.ncwatch.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link Rule} from the fields of Kibana's rule API, which both a detection-rules TOML
 * {@code [rule]} table and a line of a Kibana rule export use.
 */
final class RuleFields {

    private RuleFields() {}

    /** The query language: {@code language}, else the rule {@code type} (Kibana's "eql" type implies EQL). */
    static String language(JsonNode rule) {
        JsonNode language = rule.get("language");
        if (language != null && language.isTextual()) {
            return language.asText();
        }
        JsonNode type = rule.get("type");
        return type != null && type.isTextual() ? type.asText() : "(none)";
    }

    static Rule read(JsonNode rule, String where) {
        return new Rule(
                requiredText(rule, "rule_id", where),
                requiredText(rule, "name", where),
                optionalText(rule, "description", where, ""),
                optionalInt(rule, "version", where, 1),
                requiredText(rule, "severity", where),
                requiredInt(rule, "risk_score", where),
                texts(rule, "author", where),
                optionalText(rule, "license", where, null),
                texts(rule, "references", where),
                texts(rule, "tags", where),
                threats(rule.get("threat"), where),
                optionalText(rule, "note", where, null),
                language(rule),
                texts(rule, "index", where),
                requiredText(rule, "query", where),
                where);
    }

    private static List<Threat> threats(JsonNode threats, String where) {
        List<Threat> result = new ArrayList<>();
        for (JsonNode threat : array(threats, "threat", where)) {
            List<Threat.Technique> techniques = new ArrayList<>();
            for (JsonNode technique : array(threat.get("technique"), "threat.technique", where)) {
                List<Threat.Entry> subtechniques = new ArrayList<>();
                for (JsonNode sub : array(technique.get("subtechnique"), "threat.technique.subtechnique", where)) {
                    subtechniques.add(entry(sub, "threat.technique.subtechnique", where));
                }
                Threat.Entry t = entry(technique, "threat.technique", where);
                techniques.add(new Threat.Technique(t.id(), t.name(), t.reference(), subtechniques));
            }
            JsonNode tactic = threat.get("tactic");
            if (tactic == null || !tactic.isObject()) {
                throw new RuleFileException(where, "threat entry without a tactic", null);
            }
            result.add(new Threat(
                    optionalText(threat, "framework", where, "MITRE ATT&CK"),
                    entry(tactic, "threat.tactic", where),
                    techniques));
        }
        return result;
    }

    private static Threat.Entry entry(JsonNode node, String what, String where) {
        return new Threat.Entry(
                requiredText(node, "id", where, what),
                requiredText(node, "name", where, what),
                optionalText(node, "reference", where, null));
    }

    /** The elements of an optional array field; an absent field is an empty array. */
    private static Iterable<JsonNode> array(JsonNode node, String field, String where) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new RuleFileException(where, "\"" + field + "\" must be a list, got " + node.getNodeType(), null);
        }
        return node;
    }

    private static List<String> texts(JsonNode rule, String field, String where) {
        List<String> result = new ArrayList<>();
        for (JsonNode element : array(rule.get(field), field, where)) {
            if (!element.isTextual()) {
                throw new RuleFileException(where, "\"" + field + "\" must be a list of strings", null);
            }
            result.add(element.asText());
        }
        return result;
    }

    private static String requiredText(JsonNode node, String field, String where) {
        return requiredText(node, field, where, "rule");
    }

    private static String requiredText(JsonNode node, String field, String where, String what) {
        String value = optionalText(node, field, where, null);
        if (value == null || value.isBlank()) {
            throw new RuleFileException(where, what + " has no \"" + field + "\"", null);
        }
        return value;
    }

    private static String optionalText(JsonNode node, String field, String where, String absent) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isTextual()) {
            throw new RuleFileException(where, "\"" + field + "\" must be a string, got " + value.getNodeType(), null);
        }
        return value.asText();
    }

    private static int requiredInt(JsonNode node, String field, String where) {
        if (node.get(field) == null) {
            throw new RuleFileException(where, "rule has no \"" + field + "\"", null);
        }
        return optionalInt(node, field, where, 0);
    }

    private static int optionalInt(JsonNode node, String field, String where, int absent) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new RuleFileException(where, "\"" + field + "\" must be a whole number, got " + value, null);
        }
        return value.asInt();
    }
}
