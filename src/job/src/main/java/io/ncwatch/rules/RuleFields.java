package io.ncwatch.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link Rule} from the fields of Kibana's rule API, which both a detection-rules TOML
 * {@code [rule]} table and a line of a Kibana rule export use.
 */
final class RuleFields {

    /** Kibana's interval: a whole number and a unit, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}. */
    private static final Pattern INTERVAL = Pattern.compile("([1-9][0-9]{0,8})([smhd])");

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

    /**
     * @param listed the items of the exception lists the rule refers to (a Kibana export's {@code
     *     exceptions_list}); the rule's own {@code exceptions} come first
     */
    static Rule read(JsonNode rule, String where, List<ExceptionItem> listed) {
        Duration interval = interval(rule, where);
        List<ExceptionItem> exceptions = new ArrayList<>();
        for (JsonNode item : array(rule.get("exceptions"), "exceptions", where)) {
            exceptions.add(ExceptionItems.read(item, where));
        }
        exceptions.addAll(listed);
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
                where,
                optionalBoolean(rule, "enabled", where),
                maxSignals(rule, where),
                interval,
                exceptions,
                suppression(rule.get("alert_suppression"), interval, where));
    }

    private static AlertSuppression suppression(JsonNode suppression, Duration interval, String where) {
        if (suppression == null || suppression.isNull()) {
            return null;
        }
        List<String> groupBy = texts(suppression, "group_by", where);
        if (groupBy.isEmpty()) {
            throw new RuleFileException(where, "\"alert_suppression.group_by\" must name at least one field", null);
        }
        String strategy = optionalText(suppression, "missing_fields_strategy", where, "suppress");
        if (!strategy.equals("suppress") && !strategy.equals("doNotSuppress")) {
            throw new RuleFileException(where, "\"alert_suppression.missing_fields_strategy\" must be suppress or doNotSuppress, got "
                    + strategy, null);
        }
        JsonNode duration = suppression.get("duration");
        return new AlertSuppression(groupBy, duration == null || duration.isNull() ? interval : suppressionDuration(duration, where),
                strategy.equals("suppress"));
    }

    /** Kibana's {@code {"value": 5, "unit": "m"}}, unit s, m or h. */
    private static Duration suppressionDuration(JsonNode duration, String where) {
        String unit = duration.path("unit").asText("");
        JsonNode value = duration.get("value");
        if (!duration.isObject() || value == null || !value.canConvertToInt() || value.asInt() < 1
                || !List.of("s", "m", "h").contains(unit)) {
            throw new RuleFileException(where, "\"alert_suppression.duration\" must be {value = N, unit = \"s\", \"m\" or \"h\"},"
                    + " N at least 1; got " + duration, null);
        }
        return durationOf(value.asInt(), unit);
    }

    private static boolean optionalBoolean(JsonNode rule, String field, String where) {
        JsonNode value = rule.get(field);
        if (value == null || value.isNull()) {
            return true;
        }
        if (!value.isBoolean()) {
            throw new RuleFileException(where, "\"" + field + "\" must be true or false, got " + value, null);
        }
        return value.asBoolean();
    }

    private static int maxSignals(JsonNode rule, String where) {
        int maxSignals = optionalInt(rule, "max_signals", where, Rule.DEFAULT_MAX_SIGNALS);
        if (maxSignals < 1) {
            throw new RuleFileException(where, "\"max_signals\" must be at least 1, got " + maxSignals, null);
        }
        return maxSignals;
    }

    private static Duration interval(JsonNode rule, String where) {
        String text = optionalText(rule, "interval", where, null);
        if (text == null) {
            return Rule.DEFAULT_INTERVAL;
        }
        Matcher interval = INTERVAL.matcher(text);
        if (!interval.matches()) {
            throw new RuleFileException(where, "\"interval\" must be a whole number and a unit (s, m, h, d), like 5m; got " + text, null);
        }
        return durationOf(Long.parseLong(interval.group(1)), interval.group(2));
    }

    private static Duration durationOf(long amount, String unit) {
        return switch (unit) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
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
