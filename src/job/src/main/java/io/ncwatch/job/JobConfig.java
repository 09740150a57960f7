package io.ncwatch.job;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ncwatch.connector.kafka.KafkaSettings;
import io.ncwatch.context.ContextSettings;
import io.ncwatch.correlate.CorrelationSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.TimeUtils;

/**
 * What one detection job runs: read from {@code jobs/<name>/job.yaml}, then overridden by command-line
 * options (see {@link JobOptions}). Every setting has a default, so an empty file is a valid job.
 * Secrets are never part of it: only the names of the environment variables or files that hold them.
 *
 * @param rules rule files; relative paths in job.yaml are resolved against the job's folder
 */
@JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
public record JobConfig(
        String name,
        List<String> rules,
        Kafka kafka,
        Elasticsearch elasticsearch,
        Outputs outputs,
        EventTime eventTime,
        Checkpoints checkpoints,
        ContextSettings context,
        CorrelationSettings correlation,
        String stateBackend,
        Integer maxParallelism,
        Integer parallelism) {

    public JobConfig {
        name = orDefault(name, "ncwatch");
        rules = rules == null ? List.of("rule.toml") : List.copyOf(rules);
        kafka = kafka == null ? new Kafka(null, null, null, null, null, null, null) : kafka;
        elasticsearch = elasticsearch == null ? new Elasticsearch(null, null, null, null, null) : elasticsearch;
        outputs = outputs == null ? new Outputs(null, null, null, null) : outputs;
        eventTime = eventTime == null ? new EventTime(null, null) : eventTime;
        checkpoints = checkpoints == null ? new Checkpoints(null) : checkpoints;
        context = context == null ? new ContextSettings(null, null, null) : context;
        correlation = correlation == null ? new CorrelationSettings(null, null) : correlation;
        stateBackend = orDefault(stateBackend, "hashmap");
        if (!stateBackend.equals("hashmap") && !stateBackend.equals("rocksdb")) {
            throw new IllegalArgumentException("state-backend must be hashmap or rocksdb, got " + stateBackend);
        }
        maxParallelism = maxParallelism == null ? 128 : maxParallelism;
        if (maxParallelism < 1 || maxParallelism > 32768) {
            throw new IllegalArgumentException("max-parallelism must be 1..32768, got " + maxParallelism);
        }
        if (parallelism != null && (parallelism < 1 || parallelism > maxParallelism)) {
            throw new IllegalArgumentException("parallelism must be 1..max-parallelism, got " + parallelism);
        }
    }

    public List<Path> ruleFiles() {
        return rules.stream().map(Path::of).toList();
    }

    /** @param topics where events come from and alerts and dead letters go */
    @JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
    public record Kafka(
            String bootstrapServers,
            String groupId,
            Topics topics,
            Boolean bounded,
            Boolean createTopics,
            String transactionalIdPrefix,
            Duration transactionTimeout) {
        public Kafka {
            bootstrapServers = orDefault(bootstrapServers, "localhost:9092");
            groupId = orDefault(groupId, "ncwatch");
            topics = topics == null ? new Topics(null, null, null, null) : topics;
            bounded = bounded != null && bounded;
            createTopics = createTopics == null || createTopics;
            transactionalIdPrefix = orDefault(transactionalIdPrefix, "ncwatch");
            // Below the broker's default transaction.max.timeout.ms (15 min), which rejects Flink's 1 h.
            transactionTimeout = transactionTimeout == null ? Duration.ofMinutes(10) : transactionTimeout;
        }

        /** What the Kafka sources and sinks need. */
        public KafkaSettings connection() {
            return new KafkaSettings(bootstrapServers, groupId, bounded, transactionalIdPrefix, transactionTimeout);
        }
    }

    /** @param network empty string: the job reads no network events */
    @JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
    public record Topics(String process, String network, String alerts, String deadletter) {
        public Topics {
            process = orDefault(process, "ncwatch.process-events");
            network = network == null ? "ncwatch.network-events" : network;
            alerts = orDefault(alerts, "ncwatch.alerts");
            deadletter = orDefault(deadletter, "ncwatch.deadletter");
        }
    }

    /**
     * @param namespace alerts go to {@code logs-ncwatch.alerts-<namespace>}, dead letters to
     *     {@code logs-ncwatch.deadletter-<namespace>}
     * @param auth where the credentials are; none for a cluster without security
     * @param maxBackoff the longest wait between retries while Elasticsearch refuses or fails requests
     */
    @JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
    public record Elasticsearch(String url, String namespace, Auth auth, Tls tls,
            Duration maxBackoff) {
        public Elasticsearch {
            url = orDefault(url, "http://localhost:9200");
            namespace = orDefault(namespace, "default");
            auth = auth == null ? new Auth(null, null, null) : auth;
            tls = tls == null ? new Tls(null, null) : tls;
            maxBackoff = maxBackoff == null ? Duration.ofSeconds(30) : maxBackoff;
        }

        public String alertsIndex() {
            return "logs-ncwatch.alerts-" + namespace;
        }

        public String deadLetterIndex() {
            return "logs-ncwatch.deadletter-" + namespace;
        }
    }

    /**
     * Credentials by reference, never inline: {@code env:VARIABLE} or {@code file:PATH}, read on the
     * machines that run the sink. An API key (the encoded form Kibana shows), or a username and password.
     */
    @JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
    public record Auth(String apiKey, String username, String password) {}

    /** @param caFile PEM file of the CA that signed the server's certificate; or the certificate's SHA-256 fingerprint */
    @JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
    public record Tls(String caFile, String fingerprint) {}

    /**
     * Where alerts go. Dead letters go to the Kafka dead-letter topic when {@code kafka} is on and to
     * the dead-letter index when {@code elasticsearch} is on; with neither, to the log.
     *
     * @param file a JSON-lines file of alerts, or null
     */
    @JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
    public record Outputs(Boolean elasticsearch, Boolean kafka, Boolean stdout, String file) {
        public Outputs {
            elasticsearch = elasticsearch == null || elasticsearch;
            kafka = kafka == null || kafka;
            stdout = stdout != null && stdout;
        }
    }

    /**
     * @param outOfOrderness how far behind the newest event an event may arrive and still be in order
     * @param idleness after this long without events an input stops holding back event time
     */
    @JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
    public record EventTime(
            Duration outOfOrderness,
            Duration idleness) {
        public EventTime {
            outOfOrderness = outOfOrderness == null ? Duration.ofSeconds(5) : outOfOrderness;
            idleness = idleness == null ? Duration.ofSeconds(30) : idleness;
        }
    }

    @JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
    public record Checkpoints(Duration interval) {
        public Checkpoints {
            interval = interval == null ? Duration.ofSeconds(10) : interval;
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .registerModule(new SimpleModule().addDeserializer(Duration.class, new DurationText()));

    /** Reads {@code <directory>/job.yaml}, then applies {@code overrides} (dotted YAML paths to values). */
    public static JobConfig load(Path directory, Map<String, String> overrides) {
        Path file = directory.resolve("job.yaml");
        try {
            JsonNode tree = YAML.readTree(Files.readString(file));
            ObjectNode root = tree == null || tree.isMissingNode() || tree.isNull()
                    ? JsonNodeFactory.instance.objectNode()
                    : (ObjectNode) tree;
            return bind(root, directory, overrides, file.toString());
        } catch (ClassCastException e) {
            throw new IllegalArgumentException(file + ": the top level must be a mapping");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The defaults with {@code overrides} applied, for a job without a folder. */
    public static JobConfig of(Map<String, String> overrides) {
        return bind(JsonNodeFactory.instance.objectNode(), Path.of("."), overrides, "options");
    }

    private static JobConfig bind(ObjectNode root, Path directory, Map<String, String> overrides, String origin) {
        overrides.forEach((path, value) -> set(root, path, value));
        try {
            JobConfig bound = YAML.treeToValue(root, JobConfig.class);
            List<String> resolvedRules = bound.rules.stream().map(r -> directory.resolve(r).toString()).toList();
            return new JobConfig(bound.name, resolvedRules, bound.kafka, bound.elasticsearch, bound.outputs,
                    bound.eventTime, bound.checkpoints, bound.context, bound.correlation, bound.stateBackend, bound.maxParallelism,
                    bound.parallelism);
        } catch (MismatchedInputException e) {
            throw new IllegalArgumentException(origin + ": " + e.getOriginalMessage() + " at " + pathOf(e), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
    }

    private static void set(ObjectNode root, String dottedPath, String value) {
        String[] parts = dottedPath.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode object ? object : node.putObject(parts[i]);
        }
        node.put(parts[parts.length - 1], value);
    }

    private static String pathOf(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            }
        }
        return path.toString();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Reads durations as Flink writes them: {@code 5 s}, {@code 10s}, {@code 2 min}, {@code 500 ms}. */
    static final class DurationText extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            try {
                return TimeUtils.parseDuration(text);
            } catch (IllegalArgumentException | NullPointerException e) {
                return (Duration) context.handleWeirdStringValue(Duration.class, text,
                        "not a duration (use e.g. 5s, 2min, 500ms)");
            }
        }
    }
}
