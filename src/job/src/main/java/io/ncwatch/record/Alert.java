package io.ncwatch.record;

/** An alert document ready for the sinks: its id and its JSON. A Flink POJO. */
public class Alert {
    public String id;
    public byte[] json;

    public Alert() {}

    public Alert(String id, byte[] json) {
        this.id = id;
        this.json = json;
    }
}
