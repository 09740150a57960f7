package io.ncwatch.connector.kafka;

import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Kafka sources of one topic. Offsets live in Flink's checkpoints (committed to Kafka only for
 * monitoring); only committed transactions are read. Unbounded, a job without a checkpoint resumes from
 * its group's committed offsets, or the earliest when it has none. Bounded (a replay or a hunt), it
 * reads from the earliest offset up to the offsets that exist when it starts, then finishes.
 */
public final class KafkaSources {
    private KafkaSources() {}

    public static <T> KafkaSource<T> of(KafkaSettings kafka, String topic, KafkaRecordDeserializationSchema<T> records) {
        KafkaSourceBuilder<T> builder = builder(kafka, topic, records);
        if (kafka.bounded()) {
            builder.setStartingOffsets(OffsetsInitializer.earliest()).setBounded(OffsetsInitializer.latest());
        } else {
            builder.setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
        }
        return builder.build();
    }

    /**
     * A source that reads the whole topic, whatever the group committed: for a compacted topic of state
     * (the rules), which a job without a checkpoint must read from its start. Bounded, it ends at the
     * offsets that exist when it starts.
     */
    public static <T> KafkaSource<T> fromEarliest(KafkaSettings kafka, String topic, KafkaRecordDeserializationSchema<T> records) {
        KafkaSourceBuilder<T> builder = builder(kafka, topic, records).setStartingOffsets(OffsetsInitializer.earliest());
        if (kafka.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    private static <T> KafkaSourceBuilder<T> builder(KafkaSettings kafka, String topic, KafkaRecordDeserializationSchema<T> records) {
        KafkaSourceBuilder<T> builder = KafkaSource.<T>builder();
        kafka.clientProperties().forEach(builder::setProperty);
        return builder.setGroupId(kafka.groupId())
                .setClientIdPrefix(kafka.groupId() + "-" + topic)
                .setTopics(topic)
                .setDeserializer(records)
                .setProperty("isolation.level", "read_committed");
    }
}
