package io.ncwatch.alert;

/** The state of one suppression group: its kept alert, and what it has suppressed. A Flink POJO. */
public class SuppressedGroup {
    public String alertId;
    public long start;
    public long end;
    public long docsCount;
    /** Event time from which a new alert starts a new group: start plus the rule's duration. */
    public long expires;

    public SuppressedGroup() {}

    SuppressedGroup(String alertId, long start, long expires) {
        this.alertId = alertId;
        this.start = start;
        this.end = start;
        this.expires = expires;
    }
}
