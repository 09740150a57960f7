package io.ncwatch.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields that all events of a sequence share, as Elastic's sequence alerts carry them: every field
 * (by its dotted name, however each event spells it) whose value is the same in all of them. An array is
 * one value. The event's own description ({@code @timestamp}, {@code event.*}, {@code message}) is not
 * shared: the alert has its own.
 */
final class SharedFields {
    private static final Set<String> OWN_TOP_LEVEL = Set.of("@timestamp", "event", "message");

    private SharedFields() {}

    /** The shared fields, nested as ECS nests them. */
    static ObjectNode of(List<ObjectNode> events) {
        Map<String, JsonNode> shared = flatten(events.get(0));
        for (ObjectNode event : events.subList(1, events.size())) {
            Map<String, JsonNode> fields = flatten(event);
            shared.entrySet().removeIf(field -> !field.getValue().equals(fields.get(field.getKey())));
        }
        ObjectNode nested = JsonNodeFactory.instance.objectNode();
        shared.forEach((path, value) -> put(nested, path, value));
        return nested;
    }

    /** Dotted name to value, for every value that is not an object; the first spelling of a name wins. */
    private static Map<String, JsonNode> flatten(ObjectNode event) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        event.properties().forEach(field -> {
            if (!isOwn(field.getKey())) {
                flatten(field.getKey(), field.getValue(), fields);
            }
        });
        return fields;
    }

    private static void flatten(String path, JsonNode value, Map<String, JsonNode> fields) {
        if (value.isObject()) {
            value.properties().forEach(field -> flatten(path + "." + field.getKey(), field.getValue(), fields));
        } else if (!value.isNull()) {
            fields.putIfAbsent(path, value);
        }
    }

    private static boolean isOwn(String topLevelKey) {
        int dot = topLevelKey.indexOf('.');
        return OWN_TOP_LEVEL.contains(dot < 0 ? topLevelKey : topLevelKey.substring(0, dot));
    }

    /** Puts {@code value} at {@code path}, creating the objects on the way; a value in the way keeps the rest dotted. */
    private static void put(ObjectNode root, String path, JsonNode value) {
        ObjectNode node = root;
        String rest = path;
        for (int dot = rest.indexOf('.'); dot > 0; dot = rest.indexOf('.')) {
            JsonNode child = node.get(rest.substring(0, dot));
            if (child != null && !child.isObject()) {
                break;
            }
            node = child == null ? node.putObject(rest.substring(0, dot)) : (ObjectNode) child;
            rest = rest.substring(dot + 1);
        }
        node.set(rest, value);
    }
}
