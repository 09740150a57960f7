package io.ncwatch.correlate;

/**
 * The span of event time in which a container's follow-up candidates can belong to one of its listeners:
 * from the earliest listener still remembered to the end of the latest one's window. A Flink POJO.
 */
public class ListenerWindow {
    public long from;
    /** Exclusive, as CEP's {@code within}. */
    public long until;

    public ListenerWindow() {}

    ListenerWindow(long from, long until) {
        this.from = from;
        this.until = until;
    }

    boolean covers(long timestamp) {
        return from <= timestamp && timestamp < until;
    }
}
