package io.ncwatch.alert;

import io.ncwatch.event.ContainerEvent;

/**
 * A rule fired on an event: what the per-container stage hands to alert building. A Flink POJO.
 *
 * @see AlertId the stage is part of the alert's identity
 */
public class Detection {
    public static final String STAGE_RULE = "rule";

    public String ruleId;
    /** {@value #STAGE_RULE}: the rule's own verdict on one event. */
    public String stage;
    public ContainerEvent event;

    public Detection() {}

    public Detection(String ruleId, String stage, ContainerEvent event) {
        this.ruleId = ruleId;
        this.stage = stage;
        this.event = event;
    }
}
