package io.ncwatch.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ncwatch.alert.AlertSettings;
import io.ncwatch.connector.elasticsearch.ElasticsearchSettings;
import io.ncwatch.connector.kafka.KafkaSettings;
import io.ncwatch.context.ContextSettings;
import io.ncwatch.correlate.CorrelationSettings;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.eql.analysis.FieldTypes;
import io.ncwatch.sequence.SequenceSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestartStrategyOptions;

/**
 * What one detection job runs: read from {@code jobs/<name>/job.yaml}, then overridden by command-line
 * options (see {@link JobOptions}). Each setting is a {@link ConfigOption} declared by the component that
 * reads it, its job.yaml path as key; every one has a default or is optional, so an empty file is a
 * valid job. Secrets are never part of it: only the names of the environment variables or files that hold them.
 *
 * @param rules rule files; relative paths in job.yaml are resolved against the job's folder
 * @param eql how the rules compare field values: the index mapping's types, read when the job is configured
 */
public record JobConfig(
        String name,
        List<String> rules,
        EqlOptions eql,
        Kafka kafka,
        Elasticsearch elasticsearch,
        Outputs outputs,
        EventTime eventTime,
        Checkpoints checkpoints,
        Restarts restarts,
        Metrics metrics,
        ContextSettings context,
        CorrelationSettings correlation,
        SequenceSettings sequence,
        AlertSettings alerts,
        String stateBackend,
        int maxParallelism,
        Integer parallelism) {

    public static final ConfigOption<String> NAME = ConfigOptions.key("name")
            .stringType().defaultValue("ncwatch")
            .withDescription("the job's name; rule.ruleset of its alerts");
    public static final ConfigOption<List<String>> RULES = ConfigOptions.key("rules")
            .stringType().asList().defaultValues("rule.toml")
            .withDescription("rule files or folders (detection-rules TOML, Kibana NDJSON export), relative to the job folder");
    public static final ConfigOption<String> MAPPING = ConfigOptions.key("eql.mapping")
            .stringType().noDefaultValue()
            .withDescription("an index mapping (the JSON of GET index/_mapping or of an index template), relative to the"
                    + " job folder: its field types decide how the rules compare values (dates, IP addresses, versions,"
                    + " numbers); none: the ECS types of the fields Elastic's container rules read");
    public static final ConfigOption<String> STATE_BACKEND = ConfigOptions.key("state-backend")
            .stringType().defaultValue("hashmap")
            .withDescription("hashmap or rocksdb");
    public static final ConfigOption<Integer> MAX_PARALLELISM = ConfigOptions.key("max-parallelism")
            .intType().defaultValue(128)
            .withDescription("fixed, so savepoints rescale (1..32768)");
    public static final ConfigOption<Integer> PARALLELISM = ConfigOptions.key("parallelism")
            .intType().noDefaultValue()
            .withDescription("none given: the cluster's");

    public JobConfig {
        rules = List.copyOf(rules);
        if (!stateBackend.equals("hashmap") && !stateBackend.equals("rocksdb")) {
            throw new IllegalArgumentException(STATE_BACKEND.key() + " must be hashmap or rocksdb, got " + stateBackend);
        }
        if (maxParallelism < 1 || maxParallelism > 32768) {
            throw new IllegalArgumentException(MAX_PARALLELISM.key() + " must be 1..32768, got " + maxParallelism);
        }
        if (parallelism != null && (parallelism < 1 || parallelism > maxParallelism)) {
            throw new IllegalArgumentException(PARALLELISM.key() + " must be 1..max-parallelism, got " + parallelism);
        }
    }

    /** Every setting of a job, in the order of job.yaml and of the configuration reference. */
    public static List<ConfigOption<?>> options() {
        return concat(List.of(NAME, RULES, MAPPING), Kafka.options(), Elasticsearch.options(), Outputs.options(),
                EventTime.options(), Checkpoints.options(), Restarts.options(), Metrics.options(), ContextSettings.options(),
                CorrelationSettings.options(), SequenceSettings.options(), AlertSettings.options(), List.of(STATE_BACKEND, MAX_PARALLELISM, PARALLELISM));
    }

    @SafeVarargs
    private static List<ConfigOption<?>> concat(List<ConfigOption<?>>... parts) {
        return Stream.of(parts).flatMap(List::stream).toList();
    }

    public List<Path> ruleFiles() {
        return rules.stream().map(Path::of).toList();
    }

    /**
     * @param connection what the Kafka sources and sinks need
     * @param topics where events come from and alerts and dead letters go
     */
    public record Kafka(KafkaSettings connection, Topics topics, boolean createTopics) {
        public static final ConfigOption<Boolean> CREATE_TOPICS = ConfigOptions.key("kafka.create-topics")
                .booleanType().defaultValue(true)
                .withDescription("create missing topics at start (broker defaults)");

        static List<ConfigOption<?>> options() {
            return concat(KafkaSettings.options(), Topics.options(), List.of(CREATE_TOPICS));
        }

        static Kafka from(ReadableConfig config) {
            return new Kafka(KafkaSettings.from(config), Topics.from(config), config.get(CREATE_TOPICS));
        }

        public String bootstrapServers() {
            return connection.bootstrapServers();
        }

        public String groupId() {
            return connection.groupId();
        }

        public boolean bounded() {
            return connection.bounded();
        }

        public Duration transactionTimeout() {
            return connection.transactionTimeout();
        }
    }

    /**
     * @param network empty string: the job reads no network events
     * @param audit empty string: the job reads no Kubernetes audit events
     * @param rules empty string: the job runs the rules of its files, unchanged
     */
    public record Topics(String process, String network, String audit, String alerts, String deadletter, String rules) {
        public static final ConfigOption<String> PROCESS = ConfigOptions.key("kafka.topics.process")
                .stringType().defaultValue("ncwatch.process-events")
                .withDescription("process events");
        public static final ConfigOption<String> NETWORK = ConfigOptions.key("kafka.topics.network")
                .stringType().defaultValue("ncwatch.network-events")
                .withDescription("network events; \"\" for none");
        public static final ConfigOption<String> AUDIT = ConfigOptions.key("kafka.topics.audit")
                .stringType().defaultValue("")
                .withDescription("Kubernetes audit events (for sequence rules that join them, such as a token read"
                        + " followed by an API request), e.g. ncwatch.audit-events; \"\" for none");
        public static final ConfigOption<String> ALERTS = ConfigOptions.key("kafka.topics.alerts")
                .stringType().defaultValue("ncwatch.alerts")
                .withDescription("alerts, transactional, keyed by alert id");
        public static final ConfigOption<String> DEADLETTER = ConfigOptions.key("kafka.topics.deadletter")
                .stringType().defaultValue("ncwatch.deadletter")
                .withDescription("rejected input, transactional");
        public static final ConfigOption<String> RULES = ConfigOptions.key("kafka.topics.rules")
                .stringType().defaultValue("")
                .withDescription("rules that change while the job runs: a compacted topic keyed by rule_id, each value a rule"
                        + " (detection-rules TOML or a rule's JSON), an empty value removing it; read from its start, created"
                        + " compacted when missing; \"\" for none: the rules of the files only");

        static List<ConfigOption<?>> options() {
            return List.of(PROCESS, NETWORK, AUDIT, ALERTS, DEADLETTER, RULES);
        }

        static Topics from(ReadableConfig config) {
            return new Topics(config.get(PROCESS), config.get(NETWORK), config.get(AUDIT), config.get(ALERTS),
                    config.get(DEADLETTER), config.get(RULES));
        }
    }

    /**
     * @param connection where the sink writes and how it authenticates; a hunt reads with the same credentials and trust
     * @param namespace alerts go to {@code logs-ncwatch.alerts-<namespace>}, dead letters to
     *     {@code logs-ncwatch.deadletter-<namespace>}
     * @param sourceThrottle the most documents a second a hunt over Elasticsearch reads, all readers together
     */
    public record Elasticsearch(ElasticsearchSettings connection, String namespace, int sourceThrottle) {
        public static final ConfigOption<String> NAMESPACE = ConfigOptions.key("elasticsearch.namespace")
                .stringType().defaultValue("default")
                .withDescription("alerts to logs-ncwatch.alerts-<ns>, dead letters to logs-ncwatch.deadletter-<ns>");
        public static final ConfigOption<Integer> SOURCE_THROTTLE = ConfigOptions.key("elasticsearch.source.throttle")
                .intType().defaultValue(10_000)
                .withDescription("hunts over Elasticsearch (hunt --es, run --from-es): the most documents read a second,"
                        + " all readers together (each also sends at most 10 searches a second)");

        public Elasticsearch {
            if (sourceThrottle < 1) {
                throw new IllegalArgumentException(SOURCE_THROTTLE.key() + " must be positive, got " + sourceThrottle);
            }
        }

        static List<ConfigOption<?>> options() {
            return concat(ElasticsearchSettings.options(), List.of(NAMESPACE, SOURCE_THROTTLE));
        }

        static Elasticsearch from(ReadableConfig config) {
            return new Elasticsearch(ElasticsearchSettings.from(config), config.get(NAMESPACE), config.get(SOURCE_THROTTLE));
        }

        public String alertsIndex() {
            return "logs-ncwatch.alerts-" + namespace;
        }

        public String deadLetterIndex() {
            return "logs-ncwatch.deadletter-" + namespace;
        }
    }

    /**
     * Where alerts go. Dead letters go to the Kafka dead-letter topic when {@code kafka} is on and to
     * the dead-letter index when {@code elasticsearch} is on; with neither, to the log.
     *
     * @param file a JSON-lines file of alerts, or null
     */
    public record Outputs(boolean elasticsearch, boolean kafka, boolean stdout, String file) {
        public static final ConfigOption<Boolean> ELASTICSEARCH = ConfigOptions.key("outputs.elasticsearch")
                .booleanType().defaultValue(true)
                .withDescription("alerts and dead letters to Elasticsearch");
        public static final ConfigOption<Boolean> KAFKA = ConfigOptions.key("outputs.kafka")
                .booleanType().defaultValue(true)
                .withDescription("alerts and dead letters to Kafka");
        public static final ConfigOption<Boolean> STDOUT = ConfigOptions.key("outputs.stdout")
                .booleanType().defaultValue(false)
                .withDescription("alerts as JSON lines on stdout (at least once)");
        public static final ConfigOption<String> FILE = ConfigOptions.key("outputs.file")
                .stringType().noDefaultValue()
                .withDescription("alerts appended to this file as JSON lines (at least once)");

        static List<ConfigOption<?>> options() {
            return List.of(ELASTICSEARCH, KAFKA, STDOUT, FILE);
        }

        static Outputs from(ReadableConfig config) {
            return new Outputs(config.get(ELASTICSEARCH), config.get(KAFKA), config.get(STDOUT), config.get(FILE));
        }
    }

    /**
     * @param outOfOrderness how far behind the newest event an event may arrive and still be in order
     * @param idleness after this long without events an input stops holding back event time
     */
    public record EventTime(Duration outOfOrderness, Duration idleness) {
        public static final ConfigOption<Duration> OUT_OF_ORDERNESS = ConfigOptions.key("event-time.out-of-orderness")
                .durationType().defaultValue(Duration.ofSeconds(5))
                .withDescription("how far behind the newest event an event may arrive and still be in order");
        public static final ConfigOption<Duration> IDLENESS = ConfigOptions.key("event-time.idleness")
                .durationType().defaultValue(Duration.ofSeconds(30))
                .withDescription("an input quiet this long stops holding back event time");

        static List<ConfigOption<?>> options() {
            return List.of(OUT_OF_ORDERNESS, IDLENESS);
        }

        static EventTime from(ReadableConfig config) {
            return new EventTime(config.get(OUT_OF_ORDERNESS), config.get(IDLENESS));
        }
    }

    /** @param storage where checkpoints go, a file system URI; null: the cluster's (a local run's: a temporary folder) */
    public record Checkpoints(Duration interval, String storage) {
        public static final ConfigOption<Duration> INTERVAL = ConfigOptions.key("checkpoints.interval")
                .durationType().defaultValue(Duration.ofSeconds(10))
                .withDescription("exactly-once checkpoints; alerts reach Kafka consumers (read_committed) at each checkpoint");
        public static final ConfigOption<String> STORAGE = ConfigOptions.key("checkpoints.storage")
                .stringType().noDefaultValue()
                .withDescription("where checkpoints go, e.g. file:///var/lib/ncwatch/checkpoints or s3://bucket/ncwatch;"
                        + " none given: the cluster's, and a local run's temporary folder");

        static List<ConfigOption<?>> options() {
            return List.of(INTERVAL, STORAGE);
        }

        static Checkpoints from(ReadableConfig config) {
            return new Checkpoints(config.get(INTERVAL), config.get(STORAGE));
        }
    }

    /**
     * What a failing job does: restart from its last checkpoint, at most {@code attempts} times, then stop
     * with the failure.
     *
     * @param attempts null: the cluster's restart strategy, and {@link LocalRun#RESTARTS} in a local run
     */
    public record Restarts(Integer attempts, Duration delay) {
        public static final ConfigOption<Integer> ATTEMPTS = ConfigOptions.key("restarts.attempts")
                .intType().noDefaultValue()
                .withDescription("restarts from the last checkpoint before a failing job stops with its failure;"
                        + " none given: the cluster's strategy (Flink's default restarts without end, waiting longer"
                        + " each time), and 3 for a run in this process (ncwatch run)");
        public static final ConfigOption<Duration> DELAY = ConfigOptions.key("restarts.delay")
                .durationType().defaultValue(Duration.ofSeconds(1))
                .withDescription("the wait before each restart, when the job sets its own attempts");

        public Restarts {
            if (attempts != null && attempts < 0) {
                throw new IllegalArgumentException(ATTEMPTS.key() + " must be 0 or more, got " + attempts);
            }
        }

        static List<ConfigOption<?>> options() {
            return List.of(ATTEMPTS, DELAY);
        }

        static Restarts from(ReadableConfig config) {
            return new Restarts(config.get(ATTEMPTS), config.get(DELAY));
        }

        /** Sets a fixed-delay strategy of {@code attempts} restarts, this one's delay apart. */
        void applyTo(Configuration flink, int attempts) {
            flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, attempts);
            flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, delay);
        }
    }

    /**
     * Where a run in this process exports its metrics; a cluster exports them as its own configuration
     * says (conf/flink/config.yaml).
     *
     * @param prometheusPort a port or a range such as 9249-9259; null: no exporter
     */
    public record Metrics(String prometheusPort) {
        public static final ConfigOption<String> PROMETHEUS_PORT = ConfigOptions.key("metrics.prometheus-port")
                .stringType().noDefaultValue()
                .withDescription("a run in this process (ncwatch run) serves its metrics, the per-rule ones among them,"
                        + " to Prometheus at http://<host>:<port>/metrics, on this port or the first free one of a"
                        + " range such as 9249-9259; none given: not served. On a cluster: the cluster's reporters");
        private static final ConfigOption<String> REPORTER_FACTORY =
                ConfigOptions.key("metrics.reporter.prometheus.factory.class").stringType().noDefaultValue();
        private static final ConfigOption<String> REPORTER_PORT =
                ConfigOptions.key("metrics.reporter.prometheus.port").stringType().noDefaultValue();
        /** Off, so that label values keep their dashes: rule ids are UUIDs. */
        private static final ConfigOption<Boolean> REPORTER_FILTERS_LABELS =
                ConfigOptions.key("metrics.reporter.prometheus.filterLabelValueCharacters").booleanType().noDefaultValue();

        static List<ConfigOption<?>> options() {
            return List.of(PROMETHEUS_PORT);
        }

        static Metrics from(ReadableConfig config) {
            return new Metrics(config.get(PROMETHEUS_PORT));
        }

        /** Adds Flink's Prometheus reporter to a cluster's settings, when a port is given. */
        void applyTo(Configuration flink) {
            if (prometheusPort != null) {
                flink.set(REPORTER_FACTORY, "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
                flink.set(REPORTER_PORT, prometheusPort);
                flink.set(REPORTER_FILTERS_LABELS, false);
            }
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Reads {@code <directory>/job.yaml}, then applies {@code overrides} (dotted YAML paths to values). */
    public static JobConfig load(Path directory, Map<String, String> overrides) {
        Path file = directory.resolve("job.yaml");
        JsonNode tree;
        try {
            tree = YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (tree != null && !tree.isMissingNode() && !tree.isNull() && !tree.isObject()) {
            throw new IllegalArgumentException(file + ": the top level must be a mapping");
        }
        ObjectNode root = tree instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
        return bind(root, directory, overrides, file.toString());
    }

    /** The defaults with {@code overrides} applied, for a job without a folder. */
    public static JobConfig of(Map<String, String> overrides) {
        return bind(JsonNodeFactory.instance.objectNode(), Path.of("."), overrides, "options");
    }

    private static JobConfig bind(ObjectNode root, Path directory, Map<String, String> overrides, String origin) {
        Configuration settings = new Configuration();
        flatten(root, "", settings);
        overrides.forEach((key, value) -> settings.set(ConfigOptions.key(key).stringType().noDefaultValue(), value));
        Set<String> known = options().stream().map(ConfigOption::key).collect(Collectors.toSet());
        List<String> unknown = settings.keySet().stream().filter(key -> !known.contains(key)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(origin + ": unknown setting " + String.join(", ", unknown)
                    + " (docs/configuration.md lists them all)");
        }
        try {
            return from(settings, directory);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"), e);
        }
    }

    private static JobConfig from(ReadableConfig config, Path directory) {
        List<String> rules = config.get(RULES).stream().map(rule -> directory.resolve(rule).toString()).toList();
        EqlOptions eql = config.getOptional(MAPPING)
                .map(mapping -> new EqlOptions(EqlOptions.ELASTICSEARCH.ignoreAbove(), FieldTypes.read(directory.resolve(mapping))))
                .orElse(EqlOptions.ELASTICSEARCH);
        return new JobConfig(config.get(NAME), rules, eql, Kafka.from(config), Elasticsearch.from(config),
                Outputs.from(config), EventTime.from(config), Checkpoints.from(config), Restarts.from(config),
                Metrics.from(config), ContextSettings.from(config),
                CorrelationSettings.from(config), SequenceSettings.from(config), AlertSettings.from(config), config.get(STATE_BACKEND), config.get(MAX_PARALLELISM),
                config.get(PARALLELISM));
    }

    /** Puts each value of the YAML tree under its dotted path; an empty value is no value. */
    private static void flatten(JsonNode node, String path, Configuration settings) {
        if (node.isObject()) {
            node.properties().forEach(field ->
                    flatten(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), settings));
        } else if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(element -> values.add(element.asText()));
            settings.set(ConfigOptions.key(path).stringType().asList().noDefaultValue(), values);
        } else if (!node.isNull()) {
            settings.set(ConfigOptions.key(path).stringType().noDefaultValue(), node.asText());
        }
    }
}
