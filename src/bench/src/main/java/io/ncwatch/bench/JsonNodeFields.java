package io.ncwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ncwatch.eql.analysis.FieldSlots;
import io.ncwatch.eql.runtime.FieldValues;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a Jackson tree as a compiled query reads them: what a user who parses every event with
 * {@code readTree} writes to reuse the rule. A path is found nested, dotted, or any mix of the two.
 */
final class JsonNodeFields implements FieldValues {
    private final String[][] paths;
    private JsonNode root;

    JsonNodeFields(FieldSlots slots) {
        paths = slots.paths().stream().map(path -> path.split("\\.")).toArray(String[][]::new);
    }

    JsonNodeFields of(JsonNode event) {
        root = event;
        return this;
    }

    @Override
    public Object value(int slot) {
        return valueOf(find(root, paths[slot], 0));
    }

    private static JsonNode find(JsonNode node, String[] parts, int from) {
        if (from == parts.length) {
            return node;
        }
        if (!node.isObject()) {
            return null;
        }
        StringBuilder key = new StringBuilder();
        for (int i = from; i < parts.length; i++) {
            key.append(i == from ? "" : ".").append(parts[i]);
            JsonNode child = node.get(key.toString());
            JsonNode found = child == null ? null : find(child, parts, i + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Object valueOf(JsonNode node) {
        if (node == null || node.isNull() || node.isObject()) {
            return null;
        }
        if (node.isArray()) {
            List<Object> values = new ArrayList<>(node.size());
            node.forEach(element -> {
                Object value = valueOf(element);
                if (value != null) {
                    values.add(value);
                }
            });
            return values.isEmpty() ? null : values.size() == 1 ? values.get(0) : values;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.booleanValue();
    }
}
