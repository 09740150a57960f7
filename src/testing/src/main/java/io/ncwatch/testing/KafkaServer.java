package io.ncwatch.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The real Kafka broker of {@code bin/stack}, started once per JVM, with what tests ask of it. */
public final class KafkaServer {

    private static final Duration READ_LIMIT = Duration.ofSeconds(60);

    private static KafkaServer shared;

    private final String bootstrapServers;
    private final Map<String, Integer> ports;

    private KafkaServer(String bootstrapServers, Map<String, Integer> ports) {
        this.bootstrapServers = bootstrapServers;
        this.ports = ports;
    }

    /** The broker of this JVM, started on first use, with the topics of conf/topics.txt. */
    public static synchronized KafkaServer shared() {
        if (shared == null) {
            List<Integer> free = Stack.freePorts(2);
            Map<String, Integer> ports = Map.of("KAFKA_PORT", free.get(0), "KAFKA_CONTROLLER_PORT", free.get(1));
            Stack.start("kafka", ports);
            shared = new KafkaServer("localhost:" + free.get(0), ports);
        }
        return shared;
    }

    /** For example {@code localhost:41234}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** An admin client of this broker; the caller closes it. */
    public Admin admin() {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrapServers);
        return Admin.create(config);
    }

    public void createTopic(String topic, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topic " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + topic, e);
        }
    }

    /**
     * Every committed record of TOPIC, as text, partition by partition: read with
     * {@code isolation.level=read_committed} from the start to the last stable offset.
     */
    public List<ConsumerRecord<String, String>> readCommitted(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " up to " + ends + " within " + READ_LIMIT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            records.sort((a, b) -> a.partition() != b.partition()
                    ? Integer.compare(a.partition(), b.partition())
                    : Long.compare(a.offset(), b.offset()));
            return records;
        }
    }

    /** Stops the server gracefully, as an operator or a crash-free outage would; its data stays. */
    public void stop() {
        Stack.down("kafka", ports);
    }

    /** Starts the stopped server again on the same port with the same data; returns when it answers. */
    public void start() {
        Stack.up("kafka", ports);
    }

    /**
     * Replaces the server by a fresh one with empty data on the same port. After a restart in the
     * middle of a test, or after the hostile-input test's 10 MB records, this 512 MB broker has been
     * seen to refuse the idempotent producers of later tests (OutOfOrderSequenceException on new
     * topics, batches expiring), so such tests renew it when done.
     */
    public void renew() {
        Stack.renew("kafka", ports);
    }
}
