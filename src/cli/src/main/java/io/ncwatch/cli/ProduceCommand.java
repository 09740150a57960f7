package io.ncwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** {@code ncwatch produce}: sends a file of JSON lines to a Kafka topic, creating the topic if needed. */
public final class ProduceCommand implements Main.Command {
    static final int SENT = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final int KAFKA_TIMEOUT_MS = 30_000;

    private final ObjectMapper json = new ObjectMapper();
    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    public ProduceCommand() {
        this(System.in, System.out, System.err);
    }

    ProduceCommand(InputStream stdin, PrintStream out, PrintStream err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    @Override
    public String summary() {
        return "send a file of JSON lines to a Kafka topic, creating it if needed";
    }

    @Override
    public int run(String[] args) throws IOException, InterruptedException {
        ProduceOptions options;
        try {
            options = ProduceOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("produce: " + e.getMessage());
            err.print(ProduceOptions.USAGE);
            return USAGE;
        }
        if (options.help()) {
            out.print(ProduceOptions.USAGE);
            return SENT;
        }
        InputStream events;
        try {
            events = options.events().equals("-") ? stdin : Files.newInputStream(Path.of(options.events()));
        } catch (NoSuchFileException e) {
            err.println("produce: no such file: " + options.events());
            return USAGE;
        }
        try (events) {
            if (createTopicIfMissing(options)) {
                out.printf("produce: created topic %s with %d partitions%n", options.topic(), options.partitions());
            }
            return send(options, events);
        } catch (ExecutionException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            err.printf("produce: Kafka at %s failed: %s%n", options.kafka(), cause);
            return FAILED;
        }
    }

    private boolean createTopicIfMissing(ProduceOptions options) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, KAFKA_TIMEOUT_MS))) {
            try {
                admin.describeTopics(List.of(options.topic())).allTopicNames().get();
                return false;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            try {
                admin.createTopics(List.of(new NewTopic(options.topic(), Optional.of(options.partitions()), Optional.empty())))
                        .all().get();
                return true;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    return false; // created meanwhile by someone else
                }
                throw e;
            }
        }
    }

    private int send(ProduceOptions options, InputStream events) throws IOException {
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        long sent = 0;
        long keyed = 0;
        // ISO-8859-1 maps each byte to one char and back: a line's bytes reach Kafka unchanged,
        // even when they are not valid UTF-8 (the job dead-letters such records with their reason).
        BufferedReader lines = new BufferedReader(new InputStreamReader(events, StandardCharsets.ISO_8859_1));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka(),
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.LINGER_MS_CONFIG, 20,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, KAFKA_TIMEOUT_MS),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                byte[] value = line.getBytes(StandardCharsets.ISO_8859_1);
                byte[] key = containerId(value);
                keyed += key == null ? 0 : 1;
                producer.send(new ProducerRecord<>(options.topic(), key, value), (metadata, exception) -> {
                    if (exception != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, exception);
                    }
                });
                sent++;
            }
        }
        long written = sent - failed.get();
        out.printf("produce: %d records written to %s (%d keyed by container.id)%n", written, options.topic(), keyed);
        if (failed.get() > 0) {
            err.printf("produce: %d records were refused, the first because: %s%n", failed.get(), firstFailure.get());
            return FAILED;
        }
        return SENT;
    }

    /** The container.id of a JSON event (nested or as a dotted name), or null. */
    private byte[] containerId(byte[] event) {
        try {
            JsonNode root = json.readTree(event);
            JsonNode id = root.path("container").path("id");
            if (!id.isTextual()) {
                id = root.path("container.id");
            }
            return id.isTextual() ? id.asText().getBytes(StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null; // not JSON: sent unkeyed, for the job to dead-letter
        }
    }
}
