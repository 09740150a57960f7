package io.ncwatch.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * which no test stops, or a {@link #dedicated} one for a test that stops it or loads it with hostile input,
 * or a {@link #secured} one, as {@code stack up --secure} starts it: SASL_SSL with SCRAM-SHA-512 and ACLs.
 * The tests' own clients ({@link #admin}, {@link #readCommitted}, {@link #clientProperties}) connect as the
 * broker's admin; the job as the user ncwatch ({@link #jobSettings}).
 */
public final class KafkaServer implements AutoCloseable {

    private static final Duration READ_LIMIT = Duration.ofSeconds(60);

    private static KafkaServer shared;
    private static KafkaServer sharedSecured;

    /** The variable of bin/stack that secures the services it starts. */
    private static final String SECURE = "NCWATCH_SECURE";

    private final Stack stack;
    private final String bootstrapServers;
    private final Map<String, Integer> variables;

    private KafkaServer(Stack stack, String bootstrapServers, Map<String, Integer> variables) {
        this.stack = stack;
        this.bootstrapServers = bootstrapServers;
        this.variables = variables;
    }

    /**
     * The broker of this JVM, started on first use, with the topics of conf/topics.txt. Tests that share it
     * use topics of their own; none stops it.
     */
    public static synchronized KafkaServer shared() {
        if (shared == null) {
            shared = start("shared", false);
        }
        return shared;
    }

    /** As {@link #shared}, {@link #secured}: the JVM's secured broker, which no test stops. */
    public static synchronized KafkaServer sharedSecured() {
        if (sharedSecured == null) {
            sharedSecured = start("shared-secured", true);
        }
        return sharedSecured;
    }

    /** A broker of the caller's alone, in stack folder {@code NAME}, with fresh data; {@link #close} removes it. */
    public static KafkaServer dedicated(String name) {
        return start(name, false);
    }

    /**
     * A secured broker of the caller's alone, in stack folder {@code NAME}, with fresh data, certificates and
     * passwords: clients connect over SASL_SSL; the user ncwatch may do only what {@link #grantJob} grants.
     */
    public static KafkaServer secured(String name) {
        return start(name, true);
    }

    private static KafkaServer start(String name, boolean secure) {
        List<Integer> free = FreePorts.onLoopback(2);
        Map<String, Integer> variables = Map.of("KAFKA_PORT", free.get(0), "KAFKA_CONTROLLER_PORT", free.get(1),
                SECURE, secure ? 1 : 0);
        Stack stack = new Stack(name);
        stack.start("kafka", variables);
        return new KafkaServer(stack, "localhost:" + free.get(0), variables);
    }

    /** For example {@code localhost:41234}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean isSecured() {
        return variables.get(SECURE) == 1;
    }

    /**
     * The properties of a client of the broker's admin: where the broker is and, secured, how to connect
     * (the password stays in its file, which Kafka's DirectoryConfigProvider reads).
     */
    public Map<String, String> clientProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("bootstrap.servers", bootstrapServers);
        if (isSecured()) {
            Properties admin = new Properties();
            try (Reader file = Files.newBufferedReader(secrets().resolve("admin.properties"))) {
                admin.load(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            admin.forEach((key, value) -> properties.put((String) key, (String) value));
        }
        return properties;
    }

    /**
     * The job's settings (dotted job.yaml paths) that connect it as the user ncwatch: its password by
     * reference to the stack's file, the stack's CA as trust store. None for a broker that is not secured.
     */
    public Map<String, String> jobSettings() {
        if (!isSecured()) {
            return Map.of();
        }
        return Map.of("kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.sasl.username", "ncwatch",
                "kafka.sasl.password", "file:" + secrets().resolve("ncwatch.password"),
                "kafka.tls.truststore", secrets().resolve("ca.pem").toString(),
                "kafka.tls.truststore-type", "PEM");
    }

    /**
     * Lets the user ncwatch run the job named {@code NAME} (its topics NAME.process-events, ..., consumer group
     * and transactional ids): the ACLs of {@code stack up --secure}, made by bin/stack with Kafka's kafka-acls.
     * Nothing to grant on a broker that is not secured.
     */
    public void grantJob(String name) {
        if (isSecured()) {
            stack.call("kafka", variables, "kafka_grant_job", name);
        }
    }

    /**
     * The topics of the job named {@code NAME} (NAME.process-events and NAME.network-events with 2 partitions,
     * NAME.alerts and NAME.deadletter with 1), made by the admin as an operator would, and {@link #grantJob}.
     */
    public void prepareJob(String name) {
        createTopic(name + ".process-events", 2);
        createTopic(name + ".network-events", 2);
        createTopic(name + ".alerts", 1);
        createTopic(name + ".deadletter", 1);
        grantJob(name);
    }

    private Path secrets() {
        return stack.folder("kafka").resolve("secrets");
    }

    /** An admin client of this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(new HashMap<>(clientProperties()));
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
        return read(topic, "read_committed");
    }

    /**
     * Every record of TOPIC as the log holds it, committed, aborted or in an open transaction: what a
     * test reads to tell a record its producer never wrote from one whose transaction did not commit.
     */
    public List<ConsumerRecord<String, String>> readUncommitted(String topic) {
        return read(topic, "read_uncommitted");
    }

    private List<ConsumerRecord<String, String>> read(String topic, String isolation) {
        Map<String, Object> config = new HashMap<>(clientProperties());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
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
        stack.down("kafka", variables);
    }

    /** Starts the stopped server again on the same port with the same data; returns when it answers. */
    public void start() {
        stack.up("kafka", variables);
    }

    /** Stops a {@link #dedicated} or {@link #secured} broker and deletes its data; the shared ones stay for the JVM's other tests. */
    @Override
    public void close() {
        if (this != shared && this != sharedSecured) {
            stack.remove("kafka", variables);
        }
    }
}
