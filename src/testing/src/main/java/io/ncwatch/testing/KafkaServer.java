package io.ncwatch.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A real Kafka broker of {@code bin/stack}, with what tests ask of it: the JVM's {@link #shared} broker,
 * which no test stops, or a {@link #dedicated} one for a test that stops it or loads it with hostile input.
 */
public final class KafkaServer implements AutoCloseable {

    private static final Duration READ_LIMIT = Duration.ofSeconds(60);

    private static KafkaServer shared;

    private final Stack stack;
    private final String bootstrapServers;
    private final Map<String, Integer> ports;

    private KafkaServer(Stack stack, String bootstrapServers, Map<String, Integer> ports) {
        this.stack = stack;
        this.bootstrapServers = bootstrapServers;
        this.ports = ports;
    }

    /**
     * The broker of this JVM, started on first use, with the topics of conf/topics.txt. Tests that share it
     * use topics of their own; none stops it.
     */
    public static synchronized KafkaServer shared() {
        if (shared == null) {
            shared = start("shared");
        }
        return shared;
    }

    /** A broker of the caller's alone, in stack folder {@code NAME}, with fresh data; {@link #close} removes it. */
    public static KafkaServer dedicated(String name) {
        return start(name);
    }

    private static KafkaServer start(String name) {
        List<Integer> free = Stack.freePorts(2);
        Map<String, Integer> ports = Map.of("KAFKA_PORT", free.get(0), "KAFKA_CONTROLLER_PORT", free.get(1));
        Stack stack = new Stack(name);
        stack.start("kafka", ports);
        return new KafkaServer(stack, "localhost:" + free.get(0), ports);
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

    /** Deletes TOPICS; those already gone are no error. */
    public void deleteTopics(Collection<String> topics) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get();
            admin.deleteTopics(topics.stream().filter(existing::contains).distinct().toList()).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot delete topics " + topics, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted deleting topics " + topics, e);
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
        stack.down("kafka", ports);
    }

    /** Starts the stopped server again on the same port with the same data; returns when it answers. */
    public void start() {
        stack.up("kafka", ports);
    }

    /** Stops a {@link #dedicated} broker and deletes its data; the shared one stays for the JVM's other tests. */
    @Override
    public void close() {
        if (this != shared) {
            stack.remove("kafka", ports);
        }
    }
}
