package io.ncwatch.connector.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Transactional Kafka sinks: records become visible to {@code read_committed} consumers when the
 * checkpoint that covers them completes. Keyed by document id, so a compacted topic keeps one of each.
 */
public final class KafkaSinks {
    private KafkaSinks() {}

    /**
     * @param name tells this sink's transactional ids from those of the job's other sinks
     * @param key the record's key: a document id
     */
    public static <T> KafkaSink<T> exactlyOnce(KafkaSettings kafka, String topic, String name,
            SerializableFunction<T, String> key, SerializableFunction<T, byte[]> value) {
        KafkaSinkBuilder<T> builder = KafkaSink.builder();
        kafka.clientProperties().forEach(builder::setProperty);
        return builder.setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(kafka.transactionalIdPrefix() + "-" + name)
                .setProperty("transaction.timeout.ms", Long.toString(kafka.transactionTimeout().toMillis()))
                // The topic may be new (see KafkaTopics.MAX_IN_FLIGHT_FOR_NEW_TOPICS); alerts are few.
                .setProperty("max.in.flight.requests.per.connection", Integer.toString(KafkaTopics.MAX_IN_FLIGHT_FOR_NEW_TOPICS))
                .setRecordSerializer(new Records<>(topic, key, value))
                .build();
    }

    /** A named class: a lambda as a serialization schema defeats Flink's type extraction. */
    private static final class Records<T> implements KafkaRecordSerializationSchema<T> {
        private final String topic;
        private final SerializableFunction<T, String> key;
        private final SerializableFunction<T, byte[]> value;

        Records(String topic, SerializableFunction<T, String> key, SerializableFunction<T, byte[]> value) {
            this.topic = topic;
            this.key = key;
            this.value = value;
        }

        /**
         * Stamped with the time it is written, not the element's event time: the broker deletes a segment once
         * its newest record is older than the topic's retention (7 days by default), so an alert or a dead
         * letter of replayed history, or of a late event, would be gone at the next retention check.
         */
        @Override
        public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long eventTime) {
            return new ProducerRecord<>(topic, null, null,
                    key.apply(element).getBytes(StandardCharsets.UTF_8), value.apply(element));
        }
    }
}
