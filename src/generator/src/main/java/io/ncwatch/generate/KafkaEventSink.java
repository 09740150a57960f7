package io.ncwatch.generate;

import io.ncwatch.connector.kafka.KafkaTopics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends events to Kafka, each kind to its own topic, keyed by {@code container.id} so that a container's
 * events stay in order within one partition. Creates the topics when they are missing.
 */
public final class KafkaEventSink implements EventSink, AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<EventKind, String> topics;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /**
     * Creates the topics that are missing, with the broker's default settings.
     *
     * @param client the properties of a client of the cluster (KafkaSecurity#clientProperties)
     */
    public KafkaEventSink(Map<String, String> client, String processTopic, String networkTopic)
            throws InterruptedException {
        this.topics = Map.of(EventKind.PROCESS, processTopic, EventKind.NETWORK, networkTopic);
        KafkaTopics.ensure(client, List.of(processTopic, networkTopic));
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
    public void accept(EventKind kind, String containerId, byte[] json) {
        throwIfFailed();
        producer.send(
                new ProducerRecord<>(topics.get(kind), containerId.getBytes(StandardCharsets.UTF_8), json),
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
