package io.ncwatch.source.kafka;

/**
 * One input record as read, before decoding: its bytes and where it came from. A Flink POJO. Sources
 * other than Kafka (the bundled sample files) fill the same coordinates: file name, 0, line number.
 */
public class RawEvent {
    public byte[] json;
    public String topic;
    public int partition;
    public long offset;

    public RawEvent() {}

    public RawEvent(byte[] json, String topic, int partition, long offset) {
        this.json = json;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    @Override
    public String toString() {
        return topic + "/" + partition + "/" + offset;
    }
}
