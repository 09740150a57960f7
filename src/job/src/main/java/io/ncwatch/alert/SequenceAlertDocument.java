package io.ncwatch.alert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ncwatch.record.Alert;
import io.ncwatch.record.Detection;
import io.ncwatch.record.MatchedSequence;
import io.ncwatch.record.SequenceEvent;
import io.ncwatch.record.Stage;
import io.ncwatch.rules.Rule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the alert of a matched sequence: one alert for the whole sequence (its members raise none of
 * their own), at the time of its last member, with the fields all members share, and
 * {@code ncwatch.sequence}: the join key values (as Elasticsearch's {@code hits.sequences[].join_keys})
 * and each member's stage, event id, time, source record and process.
 */
public final class SequenceAlertDocument {
    private final AlertDocument document;

    /** @param document builds what all alerts have in common */
    public SequenceAlertDocument(AlertDocument document) {
        this.document = document;
    }

    /** @param created {@code event.created}: when the job raised the alert */
    public Alert build(Rule rule, Detection detection, Instant created) {
        MatchedSequence match = detection.sequence;
        List<ObjectNode> events = new ArrayList<>(match.events.length);
        for (SequenceEvent event : match.events) {
            events.add(AlertDocument.parse(event.raw));
        }
        String id = AlertId.of(detection);
        ObjectNode shared = SharedFields.of(events);
        SequenceEvent last = match.events[match.events.length - 1];
        ObjectNode doc = document.envelope(id, last.timestamp, message(rule, shared, events), rule, rule.name(),
                rule.severity(), rule.riskScore(), created);
        shared.properties().forEach(field -> doc.set(field.getKey(), field.getValue()));
        AlertDocument.putRelated(doc, shared);
        ObjectNode ncwatch = doc.putObject("ncwatch");
        ncwatch.put("severity", rule.severity());
        ncwatch.put("stage", Stage.SEQUENCE.jsonName());
        ObjectNode sequence = ncwatch.putObject("sequence");
        ArrayNode joinKeys = sequence.putArray("join_keys");
        for (String value : match.joinKeys) {
            joinKeys.add(value);
        }
        ArrayNode members = sequence.putArray("events");
        for (int i = 0; i < match.events.length; i++) {
            putMember(members.addObject(), match.stages[i], match.events[i], events.get(i));
        }
        return document.finish(id, doc, detection.suppression);
    }

    private static void putMember(ObjectNode node, int stage, SequenceEvent event, ObjectNode source) {
        node.put("stage", stage);
        node.put("event_id", event.eventId);
        node.put("@timestamp", AlertDocument.timestamp(event.timestamp));
        node.put("topic", event.topic);
        node.put("partition", event.partition);
        node.put("offset", event.offset);
        ObjectNode process = node.putObject("process");
        for (String field : List.of("entity_id", "pid", "name", "executable", "args")) {
            var value = EventFields.find(source, "process." + field);
            if (value != null) {
                process.set(field, value);
            }
        }
        String action = EventFields.text(source, "event.action");
        if (action != null) {
            node.put("action", action);
        }
    }

    /**
     * "File Creation and Execution Detected via Defend for Containers in container payments-api
     * (8c4b2f9e6a1d): touch /tmp/x, then /tmp/x": the rule, the container the members share, and each
     * member's command line.
     */
    private static String message(Rule rule, ObjectNode shared, List<ObjectNode> events) {
        StringBuilder message = new StringBuilder(rule.name());
        String container = AlertDocument.containerLabel(shared);
        if (container != null) {
            message.append(" in container ").append(container);
        }
        List<String> commandLines = new ArrayList<>();
        for (ObjectNode event : events) {
            String commandLine = AlertDocument.commandLine(event);
            commandLines.add(commandLine == null ? "?" : commandLine);
        }
        return message.append(": ").append(String.join(", then ", commandLines)).toString();
    }
}
