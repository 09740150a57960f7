package io.ncwatch.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.ncwatch.record.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A generated run kept in memory: its events in delivery order, parsed, and its result. */
final class GeneratedTraffic {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One delivered event. */
    record Event(EventKind kind, String key, byte[] bytes, JsonNode json) {
        String id() {
            return json.path("event").path("id").asText();
        }

        String containerId() {
            return json.path("container").path("id").asText();
        }

        String action() {
            return json.path("event").path("action").asText();
        }

        long timestampMillis() {
            return java.time.Instant.parse(json.path("@timestamp").asText()).toEpochMilli();
        }

        /** A field by its dotted name, whether the document nests its parts or spells them with dots. */
        JsonNode field(String name) {
            return field(json, name);
        }

        String text(String name) {
            return field(name).asText();
        }

        private static JsonNode field(JsonNode node, String name) {
            if (node.has(name)) {
                return node.get(name);
            }
            for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
                JsonNode child = node.get(name.substring(0, dot));
                JsonNode found = child == null ? MissingNode.getInstance() : field(child, name.substring(dot + 1));
                if (!found.isMissingNode()) {
                    return found;
                }
            }
            return MissingNode.getInstance();
        }
    }

    final List<Event> events = new ArrayList<>();
    final GenerationResult result;
    private final Map<String, Event> byId = new HashMap<>();

    private GeneratedTraffic(FleetOptions options) throws IOException {
        result = new FleetGenerator(options).generate((kind, key, bytes) -> {
            Event e = new Event(kind, key, bytes, JSON.readTree(bytes));
            events.add(e);
            byId.put(e.id(), e);
        });
    }

    static GeneratedTraffic of(FleetOptions options) {
        try {
            return new GeneratedTraffic(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Event event(String eventId) {
        return byId.get(eventId);
    }

    List<Event> ofContainer(String containerId) {
        return events.stream().filter(e -> e.key().equals(containerId)).toList();
    }

    List<ExpectedAlert> truth(Stage stage) {
        return result.truth().stream().filter(a -> a.stage() == stage).toList();
    }
}
