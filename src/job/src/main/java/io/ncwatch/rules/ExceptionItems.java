package io.ncwatch.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads exception items in the shape of Elastic's exception list items ({@code name}, {@code entries} of
 * {@code field}, {@code operator}, {@code type}, {@code value}): a line of a Kibana export, or an item of
 * a rule file's {@code exceptions}.
 */
final class ExceptionItems {

    private ExceptionItems() {}

    /**
     * @throws RuleFileException for an entry that is not one ncwatch applies, value lists ({@code list}) and
     *     {@code nested} entries included: running the rule without it would raise the alerts it drops
     */
    static ExceptionItem read(JsonNode item, String where) {
        if (!item.isObject()) {
            throw new RuleFileException(where, "an exception item must be a table or object, got " + item.getNodeType(), null);
        }
        String name = item.path("name").asText("");
        String what = name.isEmpty() ? "exception item" : "exception item \"" + name + "\"";
        JsonNode entries = item.get("entries");
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            throw new RuleFileException(where, what + " has no \"entries\"", null);
        }
        List<ExceptionEntry> read = new ArrayList<>();
        for (JsonNode entry : entries) {
            read.add(entry(entry, where + ": " + what));
        }
        return new ExceptionItem(name, read);
    }

    private static ExceptionEntry entry(JsonNode entry, String where) {
        String field = text(entry, "field", where);
        String operator = text(entry, "operator", where);
        String type = text(entry, "type", where);
        ExceptionEntry.Operator op = switch (operator) {
            case "included" -> ExceptionEntry.Operator.INCLUDED;
            case "excluded" -> ExceptionEntry.Operator.EXCLUDED;
            default -> throw new RuleFileException(where, "entry on " + field + ": operator \"" + operator
                    + "\" is not included or excluded", null);
        };
        return switch (type) {
            case "match", "wildcard" -> new ExceptionEntry(field, op, ExceptionEntry.Type.valueOf(type.toUpperCase(Locale.ROOT)),
                    List.of(text(entry, "value", where)));
            case "match_any" -> new ExceptionEntry(field, op, ExceptionEntry.Type.MATCH_ANY, values(entry, field, where));
            case "exists" -> new ExceptionEntry(field, op, ExceptionEntry.Type.EXISTS, List.of());
            case "list" -> throw new RuleFileException(where, "entry on " + field
                    + " refers to a value list: ncwatch does not read value lists; write the values in a match_any entry", null);
            default -> throw new RuleFileException(where, "entry on " + field + ": type \"" + type
                    + "\" is not one ncwatch applies (match, match_any, exists, wildcard)", null);
        };
    }

    private static List<String> values(JsonNode entry, String field, String where) {
        JsonNode value = entry.get("value");
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw new RuleFileException(where, "match_any entry on " + field + " needs a list of values", null);
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isValueNode() || element.isNull()) {
                throw new RuleFileException(where, "match_any entry on " + field + ": values must be strings", null);
            }
            values.add(element.asText());
        }
        return values;
    }

    private static String text(JsonNode entry, String field, String where) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isValueNode() || value.isNull() || value.asText().isEmpty()) {
            throw new RuleFileException(where, "exception entry has no \"" + field + "\"", null);
        }
        return value.asText();
    }
}
