package io.ncwatch.generate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
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
     * @param partitions partitions of a topic this sink creates (existing topics are left as they are)
     */
    public KafkaEventSink(String bootstrapServers, String processTopic, String networkTopic, int partitions)
            throws InterruptedException {
        this.topics = Map.of(EventKind.PROCESS, processTopic, EventKind.NETWORK, networkTopic);
        createMissingTopics(bootstrapServers, Set.of(processTopic, networkTopic), partitions);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
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

    private static void createMissingTopics(String bootstrapServers, Set<String> names, int partitions)
            throws InterruptedException {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String name : names) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, Optional.of(partitions), Optional.empty()));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topics " + names + " on " + bootstrapServers + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        }
    }
}
