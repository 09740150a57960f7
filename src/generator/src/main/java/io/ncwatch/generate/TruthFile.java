package io.ncwatch.generate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.record.Stage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ground truth as JSON lines: first one {@link ExpectedAlert} a line, {@code {"rule_id", "stage",
 * "container_id", "source_event_id", "listener_event_id", "port", "peer": {"ip", "port"}}}, where
 * {@code port} and {@code peer} are null when unknown or not applicable; then one {@link ExpectedSequence}
 * a line, {@code {"sequence", "container_id", "join_keys": [...], "event_ids": [...]}}.
 */
public final class TruthFile {
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TruthFile() {}

    public static void write(List<ExpectedAlert> alerts, List<ExpectedSequence> sequences, OutputStream out)
            throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setRootValueSeparator(null);
            for (ExpectedAlert a : alerts) {
                g.writeStartObject();
                g.writeStringField("rule_id", a.ruleId());
                g.writeStringField("stage", a.stage().jsonName());
                g.writeStringField("container_id", a.containerId());
                g.writeStringField("source_event_id", a.sourceEventId());
                g.writeStringField("listener_event_id", a.listenerEventId());
                g.writeFieldName("port");
                if (a.port() == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(a.port());
                }
                g.writeFieldName("peer");
                if (a.peer() == null) {
                    g.writeNull();
                } else {
                    g.writeStartObject();
                    g.writeStringField("ip", a.peer().ip());
                    g.writeNumberField("port", a.peer().port());
                    g.writeEndObject();
                }
                g.writeEndObject();
                g.writeRaw('\n');
            }
            for (ExpectedSequence s : sequences) {
                g.writeStartObject();
                g.writeStringField("sequence", s.behaviour().jsonName());
                g.writeStringField("container_id", s.containerId());
                strings(g, "join_keys", s.joinKeys());
                strings(g, "event_ids", s.eventIds());
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
    }

    public static void write(List<ExpectedAlert> alerts, List<ExpectedSequence> sequences, Path file)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(alerts, sequences, out);
        }
    }

    /** The alerts of the seed rule and its correlation. */
    public static List<ExpectedAlert> read(Path file) throws IOException {
        List<ExpectedAlert> alerts = new ArrayList<>();
        for (JsonNode line : lines(file)) {
            if (!line.has("sequence")) {
                alerts.add(parse(line));
            }
        }
        return alerts;
    }

    /** The sequence alerts. */
    public static List<ExpectedSequence> readSequences(Path file) throws IOException {
        List<ExpectedSequence> sequences = new ArrayList<>();
        for (JsonNode line : lines(file)) {
            if (line.has("sequence")) {
                sequences.add(new ExpectedSequence(
                        ExpectedSequence.Behaviour.fromJsonName(line.path("sequence").asText()),
                        line.path("container_id").asText(),
                        strings(line.path("join_keys")),
                        strings(line.path("event_ids"))));
            }
        }
        return sequences;
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(MAPPER.readTree(line));
                }
            }
        }
        return lines;
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static ExpectedAlert parse(JsonNode n) {
        JsonNode peer = n.path("peer");
        return new ExpectedAlert(
                n.path("rule_id").asText(),
                Stage.fromJsonName(n.path("stage").asText()),
                n.path("container_id").asText(),
                n.path("source_event_id").asText(),
                n.path("listener_event_id").asText(),
                n.path("port").isNumber() ? n.path("port").asInt() : null,
                peer.isObject() ? new ExpectedAlert.Peer(peer.path("ip").asText(), peer.path("port").asInt()) : null);
    }
}
