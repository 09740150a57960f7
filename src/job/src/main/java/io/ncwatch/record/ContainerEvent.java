package io.ncwatch.record;

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
    public String[] parentArgs;
    public String userId;

    /** {@code process.session_leader}: the process that started the event's session. */
    public String sessionLeaderEntityId;
    public Long sessionLeaderPid;
    public String sessionLeaderName;
    /** {@code process.entry_leader}: the process by which the session entered the container. */
    public String entryLeaderEntityId;
    public Long entryLeaderPid;
    public String entryLeaderName;

    /**
     * The event's process ancestors, parent first; attached by the per-container context stage to the
     * events that need it (rule matches and correlation candidates), null before and on all others.
     */
    public Ancestor[] ancestry;

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
