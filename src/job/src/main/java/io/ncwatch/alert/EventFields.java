package io.ncwatch.alert;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a field of an event's JSON tree by its dotted ECS name, however the producer spelled it:
 * nested ({@code {"container":{"image":{"name":..}}}}), dotted ({@code {"container.image.name":..}}) or
 * a mix ({@code {"container":{"image.name":..}}}).
 */
final class EventFields {
    private EventFields() {}

    /** The value at {@code path}, or null when absent or JSON null. */
    static JsonNode find(JsonNode node, String path) {
        JsonNode whole = node.get(path);
        if (whole != null && !whole.isNull()) {
            return whole;
        }
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
            JsonNode child = node.get(path.substring(0, dot));
            if (child != null && child.isObject()) {
                JsonNode found = find(child, path.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** A scalar value as text, or null when absent, null, an object or an array. */
    static String text(JsonNode node, String path) {
        JsonNode value = find(node, path);
        return value != null && value.isValueNode() ? value.asText() : null;
    }
}
