package io.ncwatch.record;

/** An alert document ready for the sinks: its id and its JSON. A Flink POJO. */
public class Alert {
    public String id;
    public byte[] json;
    /**
     * True when this is no alert of its own but the update of a kept alert's suppression count (the
     * Elasticsearch sink's update document, by the kept alert's id); the other outputs skip it.
     */
    public boolean suppressionUpdate;

    public Alert() {}

    public Alert(String id, byte[] json) {
        this.id = id;
        this.json = json;
    }
}
