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
    public static final String STAGE_RULE = "rule";
    /** The listener accepted an inbound connection ({@link #event} is the network event). */
    public static final String STAGE_CONNECTION = "connection";
    /** The listener served a shell ({@link #event} is the shell's start). */
    public static final String STAGE_SHELL = "shell";

    public String ruleId;
    /** {@value #STAGE_RULE}: the rule's own verdict on one event; else a correlation stage. */
    public String stage;
    public ContainerEvent event;
    /** For a correlation stage: the event the rule matched (its alert is the base alert); else null. */
    public ContainerEvent listener;
    /** For a correlation stage: the listener's port as its arguments give it; null when they do not. */
    public Integer listenerPort;

    public Detection() {}

    public Detection(String ruleId, String stage, ContainerEvent event) {
        this.ruleId = ruleId;
        this.stage = stage;
        this.event = event;
    }

    public Detection(String ruleId, String stage, ContainerEvent event, ContainerEvent listener, Integer listenerPort) {
        this(ruleId, stage, event);
        this.listener = listener;
        this.listenerPort = listenerPort;
    }

    /** One detection at stage {@value #STAGE_RULE} per rule the event matched. */
    public static List<Detection> ofRules(ContainerEvent event) {
        List<Detection> detections = new ArrayList<>(event.matchedRules.length);
        for (String ruleId : event.matchedRules) {
            detections.add(new Detection(ruleId, STAGE_RULE, event));
        }
        return detections;
    }

    public boolean correlated() {
        return listener != null;
    }
}
