package io.ncwatch.record;

/**
 * One input record as read, before decoding: its bytes, where it came from and its event time. A Flink
 * POJO. Sources other than Kafka (the bundled sample files) fill the same coordinates: file name, 0,
 * byte offset of the line.
 */
public class RawEvent {
    public byte[] json;
    public String topic;
    public int partition;
    public long offset;
    /** The event's {@code @timestamp} in epoch milliseconds, or {@code Long.MIN_VALUE} when it has none: the source's event time. */
    public long timestamp;

    public RawEvent() {}

    public RawEvent(byte[] json, String topic, int partition, long offset, long timestamp) {
        this.json = json;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
    }

    @Override
    public String toString() {
        return topic + "/" + partition + "/" + offset;
    }
}
