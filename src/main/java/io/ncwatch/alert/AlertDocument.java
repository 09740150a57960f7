package io.ncwatch.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ncwatch.event.ContainerEvent;
import io.ncwatch.rules.Rule;
import io.ncwatch.rules.Threat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the ECS alert document of a detection. The source event's raw JSON is parsed here, and only
 * here: detections are rare, so the hot path never builds a tree.
 */
public final class AlertDocument {
    /** The source event's field groups an alert carries, copied as the event spells them. */
    static final List<String> COPIED_GROUPS = List.of("process", "container", "orchestrator", "host", "cloud");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String ruleset;
    private final String namespace;

    /**
     * @param ruleset {@code rule.ruleset}: the job's name
     * @param namespace of the data stream {@code logs-ncwatch.alerts-<namespace>}
     */
    public AlertDocument(String ruleset, String namespace) {
        this.ruleset = ruleset;
        this.namespace = namespace;
    }

    public static String timestamp(long epochMillis) {
        return TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
    }

    /** @param created {@code event.created}: when the job raised the alert */
    public Alert build(Rule rule, Detection detection, Instant created) {
        ContainerEvent event = detection.event;
        String sourceIdentity =
                AlertId.sourceEventIdentity(event.eventId, event.topic, event.partition, event.offset);
        String id = AlertId.of(rule.ruleId(), sourceIdentity, detection.stage);
        ObjectNode source = parse(event.raw);

        ObjectNode doc = JSON.createObjectNode();
        doc.put("@timestamp", timestamp(event.timestamp));
        doc.put("message", message(rule, source));
        ObjectNode ev = doc.putObject("event");
        ev.put("kind", "alert");
        ev.put("module", "ncwatch");
        ev.put("dataset", "ncwatch.alerts");
        ev.put("id", id);
        ev.put("created", TIMESTAMP.format(created));
        ev.put("severity", Severity.number(rule.severity()));
        ev.put("risk_score", rule.riskScore());
        putRule(doc.putObject("rule"), rule);
        putThreat(doc, rule.threat());
        for (var field : source.properties()) {
            if (isCopied(field.getKey())) {
                doc.set(field.getKey(), field.getValue());
            }
        }
        putRelated(doc, source);
        ObjectNode ncwatch = doc.putObject("ncwatch");
        ncwatch.put("severity", rule.severity());
        ncwatch.put("stage", detection.stage);
        ObjectNode sourceEvent = ncwatch.putObject("source_event");
        sourceEvent.put("id", event.eventId);
        sourceEvent.put("topic", event.topic);
        sourceEvent.put("partition", event.partition);
        sourceEvent.put("offset", event.offset);
        ObjectNode dataStream = doc.putObject("data_stream");
        dataStream.put("type", "logs");
        dataStream.put("dataset", "ncwatch.alerts");
        dataStream.put("namespace", namespace);
        try {
            return new Alert(id, JSON.writeValueAsBytes(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void putRule(ObjectNode node, Rule rule) {
        node.put("id", rule.ruleId());
        node.put("uuid", rule.ruleId());
        node.put("name", rule.name());
        node.put("version", Integer.toString(rule.version()));
        node.put("ruleset", ruleset);
        strings(node.putArray("author"), rule.author());
        node.put("license", rule.license());
        strings(node.putArray("reference"), rule.references());
        node.put("description", rule.description() == null ? null : rule.description().strip());
    }

    /** ECS spells a rule's mappings as parallel arrays: {@code threat.tactic.id: [...]} and so on. */
    private static void putThreat(ObjectNode doc, List<Threat> threats) {
        if (threats.isEmpty()) {
            return;
        }
        ObjectNode threat = doc.putObject("threat");
        threat.put("framework", threats.get(0).framework());
        ObjectNode tactic = threat.putObject("tactic");
        ObjectNode technique = threat.putObject("technique");
        ObjectNode subtechnique = JSON.createObjectNode();
        for (Threat t : threats) {
            addEntry(tactic, t.tactic().id(), t.tactic().name(), t.tactic().reference());
            for (Threat.Technique tech : t.techniques()) {
                addEntry(technique, tech.id(), tech.name(), tech.reference());
                for (Threat.Entry sub : tech.subtechniques()) {
                    addEntry(subtechnique, sub.id(), sub.name(), sub.reference());
                }
            }
        }
        if (technique.isEmpty()) {
            threat.remove("technique");
        } else if (!subtechnique.isEmpty()) {
            technique.set("subtechnique", subtechnique);
        }
    }

    private static void addEntry(ObjectNode node, String id, String name, String reference) {
        for (String key : List.of("id", "name", "reference")) {
            if (!node.has(key)) {
                node.putArray(key);
            }
        }
        ((ArrayNode) node.get("id")).add(id);
        ((ArrayNode) node.get("name")).add(name);
        ((ArrayNode) node.get("reference")).add(reference);
    }

    private static void putRelated(ObjectNode doc, ObjectNode source) {
        ObjectNode related = JSON.createObjectNode();
        addValues(related, "ip", source, "source.ip", "destination.ip", "host.ip");
        addValues(related, "hosts", source, "host.name", "host.hostname");
        addValues(related, "user", source, "user.name", "process.user.name", "process.user.id");
        if (!related.isEmpty()) {
            doc.set("related", related);
        }
    }

    private static void addValues(ObjectNode related, String name, ObjectNode source, String... paths) {
        Set<String> values = new LinkedHashSet<>();
        for (String path : paths) {
            JsonNode value = EventFields.find(source, path);
            if (value != null && value.isArray()) {
                value.forEach(v -> addScalar(values, v));
            } else if (value != null) {
                addScalar(values, value);
            }
        }
        if (!values.isEmpty()) {
            strings(related.putArray(name), values);
        }
    }

    private static void addScalar(Set<String> values, JsonNode value) {
        if (value.isValueNode() && !value.isNull()) {
            values.add(value.asText());
        }
    }

    /** "Netcat Listener Established Inside A Container in container payments-api (8c4b2f9e6a1d) started by bash: nc -lvnp 4444". */
    static String message(Rule rule, ObjectNode source) {
        StringBuilder message = new StringBuilder(rule.name());
        String containerId = EventFields.text(source, "container.id");
        if (containerId != null) {
            String shortId = containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
            String containerName = containerName(source);
            message.append(" in container ")
                    .append(containerName == null ? shortId : containerName + " (" + shortId + ")");
        }
        String parent = EventFields.text(source, "process.parent.name");
        if (parent != null) {
            message.append(" started by ").append(parent);
        }
        String commandLine = commandLine(source);
        if (commandLine != null) {
            message.append(": ").append(commandLine);
        }
        return message.toString();
    }

    /** {@code container.name}, else the last part of the image name (how people name a workload). */
    private static String containerName(ObjectNode source) {
        String name = EventFields.text(source, "container.name");
        if (name != null) {
            return name;
        }
        String image = EventFields.text(source, "container.image.name");
        return image == null ? null : image.substring(image.lastIndexOf('/') + 1);
    }

    private static String commandLine(ObjectNode source) {
        String commandLine = EventFields.text(source, "process.command_line");
        if (commandLine != null) {
            return commandLine;
        }
        JsonNode args = EventFields.find(source, "process.args");
        if (args == null || !args.isArray()) {
            return null;
        }
        StringBuilder joined = new StringBuilder();
        args.forEach(arg -> joined.append(joined.isEmpty() ? "" : " ").append(arg.asText()));
        return joined.toString();
    }

    private static boolean isCopied(String topLevelKey) {
        for (String group : COPIED_GROUPS) {
            if (topLevelKey.equals(group) || topLevelKey.startsWith(group + ".")) {
                return true;
            }
        }
        return false;
    }

    private static void strings(ArrayNode array, Iterable<String> values) {
        values.forEach(array::add);
    }

    private static ObjectNode parse(byte[] raw) {
        try {
            return (ObjectNode) JSON.readTree(raw);
        } catch (IOException | ClassCastException e) {
            // The decoder accepted these bytes as a JSON object before the rule matched them.
            throw new IllegalStateException("a matched event is not a JSON object", e);
        }
    }
}
