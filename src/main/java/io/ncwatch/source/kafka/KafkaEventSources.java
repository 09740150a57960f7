package io.ncwatch.source.kafka;

import io.ncwatch.job.JobConfig;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The Kafka source of one event topic. Offsets live in Flink's checkpoints (committed to Kafka only for
 * monitoring). Unbounded, a job without a checkpoint resumes from its group's committed offsets, or the
 * earliest when it has none. Bounded (a replay or a hunt), it reads from the earliest offset up to the
 * offsets that exist when it starts, then finishes.
 */
public final class KafkaEventSources {
    private KafkaEventSources() {}

    public static KafkaSource<RawEvent> of(JobConfig.Kafka kafka, String topic) {
        KafkaSourceBuilder<RawEvent> builder = KafkaSource.<RawEvent>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setGroupId(kafka.groupId())
                .setClientIdPrefix(kafka.groupId() + "-" + topic)
                .setTopics(topic)
                .setDeserializer(new RawEventDeserializer())
                .setProperty("isolation.level", "read_committed");
        if (kafka.bounded()) {
            builder.setStartingOffsets(OffsetsInitializer.earliest()).setBounded(OffsetsInitializer.latest());
        } else {
            builder.setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
        }
        return builder.build();
    }
}
