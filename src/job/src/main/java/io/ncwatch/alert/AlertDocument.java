package io.ncwatch.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ncwatch.record.Alert;
import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.Detection;
import io.ncwatch.record.Stage;
import io.ncwatch.record.Suppression;
import io.ncwatch.rules.Rule;
import io.ncwatch.rules.Threat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
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
    /** A connection's alert also carries the connection's ends. */
    static final List<String> CONNECTION_GROUPS =
            List.of("process", "container", "orchestrator", "host", "cloud", "source", "destination");

    /**
     * Every field of a source event that a single-event or correlated alert reads: the groups it copies
     * and the fields of its {@code related.*} and {@code message}. A sequence's alert carries its events whole.
     */
    public static final List<String> SOURCE_FIELDS = List.of("process", "container", "orchestrator", "host", "cloud",
            "source", "destination", "user.name", "event.action");

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
        String id = AlertId.of(detection);
        CorrelatedAlert correlated = detection.correlated() ? CorrelatedAlert.of(detection.stage) : null;
        ObjectNode source = correlated == null ? parse(event.raw) : overlay(parse(detection.listener.raw), detection);

        String severity = correlated == null ? rule.severity() : CorrelatedAlert.SEVERITY;
        ObjectNode doc = envelope(id, event.timestamp,
                correlated == null ? message(rule, source) : correlated.message(source, detection), rule,
                correlated == null ? rule.name() : correlated.title(), severity,
                correlated == null ? rule.riskScore() : correlated.riskScore(), created);
        List<String> copied = Stage.CONNECTION.equals(detection.stage) ? CONNECTION_GROUPS : COPIED_GROUPS;
        for (var field : source.properties()) {
            if (isCopied(field.getKey(), copied)) {
                doc.set(field.getKey(), field.getValue());
            }
        }
        putRelated(doc, source);
        ObjectNode ncwatch = doc.putObject("ncwatch");
        ncwatch.put("severity", severity);
        ncwatch.put("stage", detection.stage.jsonName());
        ObjectNode sourceEvent = ncwatch.putObject("source_event");
        sourceEvent.put("id", event.eventId);
        sourceEvent.put("topic", event.topic);
        sourceEvent.put("partition", event.partition);
        sourceEvent.put("offset", event.offset);
        AncestryFields.put(ncwatch.putObject("ancestry"), event);
        if (correlated != null) {
            putCorrelation(ncwatch.putObject("correlation"), rule, detection);
        }
        return finish(id, doc, detection.suppression);
    }

    /**
     * What every alert begins with: its time, message, {@code event.*}, {@code rule.*} and {@code threat.*}.
     *
     * @param ruleName {@code rule.name}: the rule's, or a correlation stage's title
     */
    ObjectNode envelope(String id, long timestamp, String message, Rule rule, String ruleName, String severity,
            int riskScore, Instant created) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("@timestamp", timestamp(timestamp));
        doc.put("message", message);
        ObjectNode ev = doc.putObject("event");
        ev.put("kind", "alert");
        ev.put("module", "ncwatch");
        ev.put("dataset", "ncwatch.alerts");
        ev.put("id", id);
        ev.put("created", TIMESTAMP.format(created));
        ev.put("severity", Severity.number(severity));
        ev.put("risk_score", riskScore);
        putRule(doc.putObject("rule"), rule, ruleName);
        putThreat(doc, rule.threat());
        return doc;
    }

    /**
     * What every alert ends with: Elastic's {@code kibana.alert.suppression.*} when it keeps a suppression
     * group (nested: the sink's update of the count finds them by that path), its data stream; and the
     * document as bytes.
     */
    Alert finish(String id, ObjectNode doc, Suppression suppression) {
        if (suppression != null) {
            putSuppression(doc.putObject("kibana").putObject("alert").putObject("suppression"), suppression);
        }
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

    private static void putSuppression(ObjectNode node, Suppression suppression) {
        ArrayNode terms = node.putArray("terms");
        for (int i = 0; i < suppression.fields.length; i++) {
            ObjectNode term = terms.addObject();
            term.put("field", suppression.fields[i]);
            term.set("value", suppression.values[i] == null ? NullNode.getInstance() : parseValue(suppression.values[i]));
        }
        node.put("start", timestamp(suppression.start));
        node.put("end", timestamp(suppression.end));
        node.put("docs_count", suppression.docsCount);
    }

    private static JsonNode parseValue(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String identity(ContainerEvent event) {
        return AlertId.sourceEventIdentity(event.eventId, event.topic, event.partition, event.offset);
    }

    /**
     * A correlated alert's source view: the listener's event (its container, orchestrator, host and cloud
     * are the container's) with the follow-up's own {@code process}, and for a connection its
     * {@code source} and {@code destination.port}. The follow-up's bytes are not kept (the decoder drops
     * those of events that match no rule), so these come from its decoded fields.
     */
    private static ObjectNode overlay(ObjectNode listener, Detection detection) {
        ContainerEvent event = detection.event;
        listener.properties().removeIf(field -> isCopied(field.getKey(), List.of("process", "source", "destination")));
        ObjectNode process = listener.putObject("process");
        process.put("entity_id", event.processEntityId);
        putNumber(process, "pid", event.processPid);
        process.put("name", event.processName);
        process.put("executable", event.processExecutable);
        putStrings(process, "args", event.processArgs);
        if (event.parentEntityId != null || event.parentPid != null || event.parentName != null) {
            ObjectNode parent = process.putObject("parent");
            parent.put("entity_id", event.parentEntityId);
            putNumber(parent, "pid", event.parentPid);
            parent.put("name", event.parentName);
        }
        if (Stage.CONNECTION.equals(detection.stage)) {
            ObjectNode peer = listener.putObject("source");
            peer.put("ip", event.sourceIp);
            putNumber(peer, "port", event.sourcePort);
            ObjectNode local = JSON.createObjectNode();
            putNumber(local, "port", event.destinationPort);
            listener.set("destination", local);
        }
        return listener;
    }

    private static void putCorrelation(ObjectNode node, Rule rule, Detection detection) {
        ContainerEvent listener = detection.listener;
        ContainerEvent event = detection.event;
        node.put("base_alert_id", AlertId.of(rule.ruleId(), identity(listener), Stage.RULE));
        putNumber(node, "listener_port", detection.listenerPort == null ? null : detection.listenerPort.longValue());
        ObjectNode listenerNode = node.putObject("listener");
        listenerNode.put("event_id", listener.eventId);
        listenerNode.put("entity_id", listener.processEntityId);
        putNumber(listenerNode, "pid", listener.processPid);
        listenerNode.put("name", listener.processName);
        putStrings(listenerNode, "args", listener.processArgs);
        if (Stage.CONNECTION.equals(detection.stage)) {
            ObjectNode peer = node.putObject("peer");
            peer.put("ip", event.sourceIp);
            putNumber(peer, "port", event.sourcePort);
        } else {
            ObjectNode shell = node.putObject("shell");
            shell.put("name", event.processName);
            putStrings(shell, "args", event.processArgs);
            shell.put("entity_id", event.processEntityId);
            putNumber(shell, "pid", event.processPid);
        }
    }

    static void putNumber(ObjectNode node, String name, Long value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }

    static void putStrings(ObjectNode node, String name, String[] values) {
        if (values == null) {
            node.putNull(name);
        } else {
            strings(node.putArray(name), Arrays.asList(values));
        }
    }

    private void putRule(ObjectNode node, Rule rule, String name) {
        node.put("id", rule.ruleId());
        node.put("uuid", rule.ruleId());
        node.put("name", name);
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

    static void putRelated(ObjectNode doc, ObjectNode source) {
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
        String container = containerLabel(source);
        if (container != null) {
            message.append(" in container ").append(container);
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

    /** "payments-api (8c4b2f9e6a1d)": the container's name and short id; null when the event names no container. */
    static String containerLabel(ObjectNode source) {
        String containerId = EventFields.text(source, "container.id");
        if (containerId == null) {
            return null;
        }
        String shortId = containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
        String containerName = containerName(source);
        return containerName == null ? shortId : containerName + " (" + shortId + ")";
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

    static String commandLine(ObjectNode source) {
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

    private static boolean isCopied(String topLevelKey, List<String> groups) {
        for (String group : groups) {
            if (topLevelKey.equals(group) || topLevelKey.startsWith(group + ".")) {
                return true;
            }
        }
        return false;
    }

    private static void strings(ArrayNode array, Iterable<String> values) {
        values.forEach(array::add);
    }

    static ObjectNode parse(byte[] raw) {
        try {
            return (ObjectNode) JSON.readTree(raw);
        } catch (IOException | ClassCastException e) {
            // The decoder accepted these bytes as a JSON object before the rule matched them.
            throw new IllegalStateException("a matched event is not a JSON object", e);
        }
    }
}
