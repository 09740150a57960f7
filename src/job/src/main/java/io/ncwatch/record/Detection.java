package io.ncwatch.record;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule fired on an event, or an event followed a rule's listener detection: what the per-container
 * stages hand to alert building. A Flink POJO.
 *
 * @see AlertId the stage is part of the alert's identity
 */
public class Detection {
    public String ruleId;
    public Stage stage;
    public ContainerEvent event;
    /** For a correlation stage: the event the rule matched (its alert is the base alert); else null. */
    public ContainerEvent listener;
    /** For a correlation stage: the listener's port as its arguments give it; null when they do not. */
    public Integer listenerPort;

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

    /** One detection at stage {@value #Stage.RULE} per rule the event matched. */
    public static List<Detection> ofRules(ContainerEvent event) {
        List<Detection> detections = new ArrayList<>(event.matchedRules.length);
        for (String ruleId : event.matchedRules) {
            detections.add(new Detection(ruleId, Stage.RULE, event));
        }
        return detections;
    }

    public boolean correlated() {
        return listener != null;
    }
}
