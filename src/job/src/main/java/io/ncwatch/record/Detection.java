package io.ncwatch.record;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule fired on an event, an event followed a rule's listener detection, or a sequence rule matched:
 * what the per-container and sequence stages hand to alert building. A Flink POJO.
 *
 * @see AlertId the stage is part of the alert's identity
 */
public class Detection {
    public String ruleId;
    public Stage stage;
    /** The event the detection is about; null for a sequence. */
    public ContainerEvent event;
    /** For a correlation stage: the event the rule matched (its alert is the base alert); else null. */
    public ContainerEvent listener;
    /** For a correlation stage: the listener's port as its arguments give it; null when they do not. */
    public Integer listenerPort;
    /** For stage {@code sequence}: the events of the match; else null. */
    public MatchedSequence sequence;
    /** Set when the detection's alert keeps a suppression group of its rule; else null. */
    public Suppression suppression;

    public Detection() {}

    public Detection(String ruleId, Stage stage, ContainerEvent event) {
        this.ruleId = ruleId;
        this.stage = stage;
        this.event = event;
    }

    public Detection(String ruleId, Stage stage, ContainerEvent event, ContainerEvent listener, Integer listenerPort) {
        this(ruleId, stage, event);
        this.listener = listener;
        this.listenerPort = listenerPort;
    }

    public static Detection ofSequence(String ruleId, MatchedSequence sequence) {
        Detection detection = new Detection(ruleId, Stage.SEQUENCE, null);
        detection.sequence = sequence;
        return detection;
    }

    /** One detection at stage {@value #Stage.RULE} per rule the event matched. */
    public static List<Detection> ofRules(ContainerEvent event) {
        List<Detection> detections = new ArrayList<>(event.matchedRules.length);
        for (String ruleId : event.matchedRules) {
            detections.add(new Detection(ruleId, Stage.RULE, event));
        }
        return detections;
    }

    /** Event time of the detection: its event's {@code @timestamp}; a sequence's: its last member's. */
    public long timestamp() {
        return event != null ? event.timestamp : sequence.events[sequence.events.length - 1].timestamp;
    }

    public boolean correlated() {
        return listener != null;
    }
}
