package io.ncwatch.record;

/**
 * Elastic's {@code kibana.alert.suppression.*} of an alert that keeps a suppression group: the group's
 * terms, when its first and latest alert happened, and how many alerts it suppressed. A Flink POJO.
 */
public class Suppression {
    /** The rule's {@code group_by} fields, in its order. */
    public String[] fields;
    /** Each field's value as JSON (a string, a number, an array), parallel to {@link #fields}; null when absent. */
    public String[] values;
    /** Event time of the group's first alert, epoch milliseconds. */
    public long start;
    /** Event time of the group's latest alert, epoch milliseconds. */
    public long end;
    /** Alerts of the group suppressed so far (the kept alert itself not counted). */
    public long docsCount;
    /**
     * Null on the detection whose alert keeps the group. On a suppressed one, the kept alert's id: its alert
     * is then no document of its own but the update of the kept alert to this {@link #docsCount} and {@link #end}.
     */
    public String keptAlertId;

    public Suppression() {}

    public Suppression(String[] fields, String[] values, long start, long end, long docsCount) {
        this.fields = fields;
        this.values = values;
        this.start = start;
        this.end = end;
        this.docsCount = docsCount;
    }
}
