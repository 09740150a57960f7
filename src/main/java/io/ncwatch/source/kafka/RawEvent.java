package io.ncwatch.source.kafka;

import io.ncwatch.event.RawTimestamp;

/**
 * One input record as read, before decoding: its bytes, where it came from and its event time. A Flink
 * POJO. Sources other than Kafka (the bundled sample files) fill the same coordinates: file name, 0,
 * line number.
 */
public class RawEvent {
    public byte[] json;
    public String topic;
    public int partition;
    public long offset;
    /** The event's {@code @timestamp} in epoch milliseconds, or {@link RawTimestamp#NONE}: the source's event time. */
    public long timestamp;

    public RawEvent() {}

    /** Reads the event time from {@code json}. */
    public RawEvent(byte[] json, String topic, int partition, long offset) {
        this.json = json;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = RawTimestamp.find(json);
    }

    @Override
    public String toString() {
        return topic + "/" + partition + "/" + offset;
    }
}
