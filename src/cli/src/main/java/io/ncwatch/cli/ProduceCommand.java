package io.ncwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.connector.kafka.KafkaTopics;
import io.ncwatch.job.CommandLineStyle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ncwatch produce}: sends a file of JSON lines to a Kafka topic, creating the topic if needed. */
@Command(name = "produce", synopsisHeading = "usage: ", descriptionHeading = "%n",
        customSynopsis = "ncwatch produce --kafka HOST:PORT --topic T --events FILE|- [--partitions N] [--set KEY=VALUE...]",
        description = {"send a file of JSON lines to a Kafka topic, creating it if needed",
            "Sends each line of FILE to the topic as one record, its bytes unchanged; a line whose JSON"
                    + " holds container.id is keyed by it, so a container's events stay in order in one "
                    + "partition. Blank lines are skipped. The topic is created when missing."},
        optionListHeading = "%noptions:%n",
        footerHeading = "%n",
        footer = "exit status: 0 all lines sent, 1 Kafka failed or refused some records, 2 usage or unreadable file")
public final class ProduceCommand implements Callable<Integer> {
    static final int SENT = 0;
    static final int FAILED = 1;
    static final int USAGE = CommandLineStyle.USAGE;

    private static final int KAFKA_TIMEOUT_MS = 30_000;

    @Mixin
    CommandLineStyle.Help help;

    @Mixin
    KafkaSecurityOptions security;

    @Spec
    CommandSpec spec;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", required = true, description = "Kafka bootstrap servers")
    String kafka;

    @Option(names = "--topic", paramLabel = "T", required = true, description = "the topic, for example ncwatch.process-events")
    String topic;

    @Option(names = "--events", paramLabel = "FILE|-", required = true, description = "one event a line; - reads standard input")
    String events;

    @Option(names = "--partitions", paramLabel = "N",
            description = "partitions of the topic when it is created (default ${DEFAULT-VALUE})")
    int partitions = 2;

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
    public Integer call() throws IOException, InterruptedException {
        if (partitions < 1) {
            throw new ParameterException(spec.commandLine(), "--partitions takes a positive number, not " + partitions);
        }
        Map<String, String> client = security.clientProperties(kafka);
        InputStream input;
        try {
            input = events.equals("-") ? stdin : Files.newInputStream(Path.of(events));
        } catch (NoSuchFileException e) {
            err.println("ncwatch produce: no such file: " + events);
            return USAGE;
        }
        try (input) {
            if (!KafkaTopics.ensure(client, List.of(topic), Optional.of(partitions)).isEmpty()) {
                out.printf("ncwatch produce: created topic %s with %d partitions%n", topic, partitions);
            }
            return send(input, client);
        } catch (IllegalStateException | KafkaException e) {
            Throwable cause = e instanceof IllegalStateException && e.getCause() != null ? e.getCause() : e;
            err.printf("ncwatch produce: Kafka at %s failed: %s%n", kafka, cause);
            return FAILED;
        }
    }

    private int send(InputStream events, Map<String, String> client) throws IOException {
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        long sent = 0;
        long keyed = 0;
        // ISO-8859-1 maps each byte to one char and back: a line's bytes reach Kafka unchanged,
        // even when they are not valid UTF-8 (the job dead-letters such records with their reason).
        BufferedReader lines = new BufferedReader(new InputStreamReader(events, StandardCharsets.ISO_8859_1));
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, KafkaTopics.MAX_IN_FLIGHT_FOR_NEW_TOPICS);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, KAFKA_TIMEOUT_MS);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                byte[] value = line.getBytes(StandardCharsets.ISO_8859_1);
                byte[] key = containerId(value);
                keyed += key == null ? 0 : 1;
                producer.send(new ProducerRecord<>(topic, key, value), (metadata, exception) -> {
                    if (exception != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, exception);
                    }
                });
                sent++;
            }
        }
        long written = sent - failed.get();
        out.printf("ncwatch produce: %d records written to %s (%d keyed by container.id)%n", written, topic, keyed);
        if (failed.get() > 0) {
            err.printf("ncwatch produce: %d records were refused, the first because: %s%n", failed.get(), firstFailure.get());
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
