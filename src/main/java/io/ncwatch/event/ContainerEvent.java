package io.ncwatch.event;

/**
 * A decoded event on its way through the per-container stages (keyed by {@link #containerId}): the
 * fields the context and the correlation read, the rules it matched, and where it came from. A Flink
 * POJO; arrays stay arrays ({@code null} when the event lacks the field).
 */
public class ContainerEvent {
    /** {@code @timestamp}, epoch milliseconds. */
    public long timestamp;

    public String containerId;
    public String eventId;
    public String eventAction;
    public String[] eventType;
    public String[] eventCategory;

    public String processEntityId;
    public Long processPid;
    public String processName;
    public String processExecutable;
    public String[] processArgs;
    public String processStart;
    public String parentEntityId;
    public Long parentPid;
    public String parentName;
    public String userId;

    public String sourceIp;
    public Long sourcePort;
    public Long destinationPort;

    /** Ids of the single-event rules this event matched; empty when none. */
    public String[] matchedRules = new String[0];

    /** The event as received; kept only when it matched a rule (the alert copies fields from it). */
    public byte[] raw;

    public String topic;
    public int partition;
    public long offset;

    public ContainerEvent() {}

    public boolean matched() {
        return matchedRules.length > 0;
    }
}
