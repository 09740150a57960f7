package io.ncwatch.generate;

import io.ncwatch.connector.kafka.KafkaTopics;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends events to Kafka, each kind to its topic (file events to the process topic: they come from the same
 * sensor), keyed by {@code container.id} so that a container's events stay in order within one partition,
 * and Kubernetes audit events by pod name. Creates the topics when they are missing.
 */
public final class KafkaEventSink implements EventSink, AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<EventKind, String> topics;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /**
     * A sink for process, file and network events; it refuses audit events.
     *
     * @param client the properties of a client of the cluster (KafkaSecurity#clientProperties)
     */
    public KafkaEventSink(Map<String, String> client, String processTopic, String networkTopic)
            throws InterruptedException {
        this(client, processTopic, networkTopic, null);
    }

    /**
     * Creates the topics that are missing, with the broker's default settings.
     *
     * @param client the properties of a client of the cluster (KafkaSecurity#clientProperties)
     * @param auditTopic where Kubernetes audit events go; null: this sink refuses them
     */
    public KafkaEventSink(Map<String, String> client, String processTopic, String networkTopic, String auditTopic)
            throws InterruptedException {
        Map<EventKind, String> topics = new EnumMap<>(EventKind.class);
        topics.put(EventKind.PROCESS, processTopic);
        topics.put(EventKind.FILE, processTopic);
        topics.put(EventKind.NETWORK, networkTopic);
        if (auditTopic != null) {
            topics.put(EventKind.AUDIT, auditTopic);
        }
        this.topics = topics;
        KafkaTopics.ensure(client, topics.values().stream().distinct().toList());
        Properties config = new Properties();
        config.putAll(client);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, KafkaTopics.MAX_IN_FLIGHT_FOR_NEW_TOPICS);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(config);
    }

    @Override
    public void accept(EventKind kind, String key, byte[] json) {
        throwIfFailed();
        String topic = topics.get(kind);
        if (topic == null) {
            throw new IllegalArgumentException("no topic given for " + kind + " events");
        }
        producer.send(
                new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), json),
                (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
    }

    /** Waits for every event to be acknowledged; fails if any was not. */
    @Override
    public void close() {
        try {
            producer.flush();
        } finally {
            producer.close();
        }
        throwIfFailed();
    }

    private void throwIfFailed() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("Kafka refused an event: " + e.getMessage(), e);
        }
    }
}
