package io.ncwatch.record;

/**
 * One process in an event's ancestry: what the event or the container's process table says about it.
 * An ancestor the table does not know is {@link #UNKNOWN}: it carries at most the entity id its child
 * recorded, never guessed values. A Flink POJO.
 */
public class Ancestor {
    /** Read from the event's own {@code process.parent}. */
    public static final String FROM_EVENT = "event";
    /** Read from the container's process table. */
    public static final String FROM_TABLE = "table";
    /** The chain goes on, but the table does not know this process. */
    public static final String UNKNOWN = "unknown";

    /** {@link #FROM_EVENT}, {@link #FROM_TABLE} or {@link #UNKNOWN}. */
    public String origin;
    public String entityId;
    public Long pid;
    public String name;
    public String[] args;

    public Ancestor() {}

    public Ancestor(String origin, String entityId, Long pid, String name, String[] args) {
        this.origin = origin;
        this.entityId = entityId;
        this.pid = pid;
        this.name = name;
        this.args = args;
    }

    public boolean known() {
        return !UNKNOWN.equals(origin);
    }
}
