package io.ncwatch.job;

import io.ncwatch.alert.AlertFunction;
import io.ncwatch.alert.RateLimit;
import io.ncwatch.alert.SuppressionFunction;
import io.ncwatch.alert.SuppressionTerms;
import io.ncwatch.connector.kafka.KafkaSources;
import io.ncwatch.connector.kafka.KafkaTopics;
import io.ncwatch.context.ContainerContext;
import io.ncwatch.context.ContextInput;
import io.ncwatch.correlate.Correlation;
import io.ncwatch.correlate.FollowUp;
import io.ncwatch.decode.DecodeFunction;
import io.ncwatch.decode.LiveDecodeFunction;
import io.ncwatch.decode.RawEventDeserializer;
import io.ncwatch.record.Alert;
import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.DeadLetter;
import io.ncwatch.record.Detection;
import io.ncwatch.record.RawEvent;
import io.ncwatch.record.RuleUpdate;
import io.ncwatch.rules.LiveRules;
import io.ncwatch.rules.Rule;
import io.ncwatch.rules.RuleUpdateDeserializer;
import io.ncwatch.sequence.SequenceFunction;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The detection job: Kafka events in, alerts out to Elasticsearch and Kafka, exactly once. This class
 * only wires: {@link #main} reads the configuration, {@link #build} attaches the services, and
 * {@link #defineWorkflow} is the dataflow, with sources and sinks passed in.
 */
public final class NcwatchJob {
    private static final Logger LOG = LoggerFactory.getLogger(NcwatchJob.class);

    /** The job run when no {@code --job} is given, relative to the working directory. */
    public static final Path DEFAULT_JOB = Path.of("jobs/netcat-listener");

    private NcwatchJob() {}

    /** {@code flink run ncwatch.jar [options]}: see {@link JobOptions}, or {@code --help}. */
    public static void main(String[] args) throws Exception {
        CommandLine command = CommandLineStyle.apply(new CommandLine(JobOptions.command("ncwatch-job",
                "flink run ncwatch.jar [--job DIR] [options]",
                options -> {
                    runJob(options.load(DEFAULT_JOB));
                    return 0;
                },
                "The detection job: events from Kafka, alerts to Elasticsearch and Kafka, exactly once.")));
        int status = command.execute(args);
        // This main may run inside a JobManager (a jar run through Flink's REST API): fail, never exit.
        if (status != 0) {
            throw new IllegalArgumentException("ncwatch-job: exit status " + status + " (the reason is on standard error)");
        }
    }

    /** Runs the job against the configured Kafka and Elasticsearch; returns when a bounded run ends. */
    public static JobExecutionResult runJob(JobConfig config) throws Exception {
        return runJob(config, new Configuration());
    }

    /** As {@link #runJob(JobConfig)}, with {@code flink} settings of the caller (see {@link LocalRun}). */
    public static JobExecutionResult runJob(JobConfig config, Configuration flink) throws Exception {
        return build(config, flink, UnaryOperator.identity()).execute(jobName(config));
    }

    /**
     * The job {@link #runJob} runs, defined in an environment and ready to execute: Kafka sources, the
     * dataflow, the configured sinks.
     *
     * @param flink settings of the caller (a test's restart strategy or savepoint to restore), overridden by the job's
     * @param rawEvents applied to the events as read, before decoding: the identity for the job itself;
     *     tests put an operator there (one that fails, or one the new version of an upgrade adds)
     */
    public static StreamExecutionEnvironment build(JobConfig config, Configuration flink,
            UnaryOperator<DataStream<RawEvent>> rawEvents) throws InterruptedException {
        List<Rule> rules = JobRules.load(config.ruleFiles(), config.eql(), LOG::warn);
        JobConfig.Topics topics = config.kafka().topics();
        Map<String, String> kafka = config.kafka().connection().clientProperties();
        if (config.kafka().createTopics()) {
            KafkaTopics.ensure(kafka, topicsOf(config));
            if (!topics.rules().isEmpty()) {
                KafkaTopics.ensure(kafka, List.of(topics.rules()), Optional.of(1), Map.of("cleanup.policy", "compact"));
            }
        }
        KafkaTopics.requireAccess(kafka, nonEmpty(topics.process(), topics.network(), topics.audit(), topics.rules()),
                config.outputs().kafka() ? List.of(topics.alerts(), topics.deadletter()) : List.of());
        ServiceSinks sinks = ServiceSinks.prepare(config);
        StreamExecutionEnvironment env = environment(config, flink);
        DataStream<RawEvent> events = readTopic(env, config, topics.process(), "source-process");
        events = withTopic(events, config, topics.network(), "source-network");
        events = withTopic(events, config, topics.audit(), "source-audit");
        if (topics.rules().isEmpty()) {
            defineWorkflow(config, rules, rawEvents.apply(events), sinks);
        } else {
            DataStream<RuleUpdate> ruleUpdates = env.fromSource(
                            KafkaSources.fromEarliest(config.kafka().connection(), topics.rules(), new RuleUpdateDeserializer()),
                            outsideEventTime(), "source-rules", TypeInformation.of(RuleUpdate.class))
                    .uid("source-rules")
                    .setParallelism(1);
            defineWorkflow(config, rules, rawEvents.apply(events), ruleUpdates, sinks);
        }
        return env;
    }

    /** The events of {@code topic}, read by a Kafka source whose uid is {@code uid}. */
    private static DataStream<RawEvent> readTopic(StreamExecutionEnvironment env, JobConfig config, String topic, String uid) {
        return read(env, KafkaSources.of(config.kafka().connection(), topic, new RawEventDeserializer()), uid,
                config.eventTime());
    }

    /** {@code events} and those of {@code topic} (read as {@link #readTopic}); {@code events} alone when topic is "" (none). */
    private static DataStream<RawEvent> withTopic(DataStream<RawEvent> events, JobConfig config, String topic, String uid) {
        return topic.isEmpty() ? events : events.union(readTopic(events.getExecutionEnvironment(), config, topic, uid));
    }

    /**
     * Rule updates are not events: their source's watermark is the end of time from the first, so that
     * the stages they reach keep the events' watermark.
     */
    private static WatermarkStrategy<RuleUpdate> outsideEventTime() {
        return context -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(RuleUpdate update, long timestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.emitWatermark(Watermark.MAX_WATERMARK);
            }
        };
    }

    /** The name the job runs under on a cluster. */
    public static String jobName(JobConfig config) {
        return "ncwatch " + config.name();
    }

    private static List<String> topicsOf(JobConfig config) {
        JobConfig.Topics topics = config.kafka().topics();
        return nonEmpty(topics.process(), topics.network(), topics.audit(), topics.alerts(), topics.deadletter());
    }

    /** The topics named: an empty name means none (a job without network or audit events). */
    private static List<String> nonEmpty(String... topics) {
        return Stream.of(topics).filter(topic -> !topic.isEmpty()).toList();
    }

    /**
     * An environment set up as the job requires: exactly-once checkpoints, the configured state
     * backend, an explicit max parallelism (savepoints stay restorable when parallelism changes), no
     * Kryo (every record and state type has a Flink serializer) and object reuse between chained operators.
     *
     * @param base settings of the caller (a test's or a local run's), overridden by the job's
     */
    public static StreamExecutionEnvironment environment(JobConfig config, Configuration base) {
        Configuration flink = new Configuration(base);
        flink.set(StateBackendOptions.STATE_BACKEND, config.stateBackend());
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpoints().interval());
        if (config.checkpoints().storage() != null) {
            flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpoints().storage());
        }
        flink.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        if (config.restarts().attempts() != null) {
            config.restarts().applyTo(flink, config.restarts().attempts());
        }
        flink.set(PipelineOptions.MAX_PARALLELISM, config.maxParallelism());
        flink.set(PipelineOptions.GENERIC_TYPES, false);
        // Chained operators hand records on without a deep copy (a reflective POJO copy of every event
        // otherwise). Safe here: no chained function changes its input or keeps it after returning; records
        // that cross the network or are buffered in state are deserialized into new objects.
        flink.set(PipelineOptions.OBJECT_REUSE, true);
        if (config.parallelism() != null) {
            flink.set(CoreOptions.DEFAULT_PARALLELISM, config.parallelism());
        }
        return StreamExecutionEnvironment.getExecutionEnvironment(flink);
    }

    /**
     * A source of raw events with {@link #eventTime} watermarks. The source keeps a watermark per split
     * (a Kafka partition, a file) and emits the least of them, so a replay that reads one partition or
     * topic far ahead of another makes no event of the other late.
     */
    public static DataStream<RawEvent> read(StreamExecutionEnvironment env, Source<RawEvent, ?, ?> source, String uid,
            JobConfig.EventTime eventTime) {
        return env.fromSource(source, eventTime(eventTime), uid, TypeInformation.of(RawEvent.class))
                .uid(uid);
    }

    /**
     * Event time: {@code @timestamp}, with bounded out-of-orderness and idleness. Records without a
     * readable {@code @timestamp} do not move it; the decoder dead-letters them.
     */
    public static WatermarkStrategy<RawEvent> eventTime(JobConfig.EventTime eventTime) {
        return WatermarkStrategy.<RawEvent>forBoundedOutOfOrderness(eventTime.outOfOrderness())
                .withTimestampAssigner((event, previous) -> event.timestamp)
                .withIdleness(eventTime.idleness());
    }

    /**
     * The dataflow: decode and judge each event (bad input to the dead-letter output), key by container
     * (process context and rule detections, at once), correlate listeners with what follows them, run the
     * sequence rules keyed by rule and join key, hold back what exceeds each rule's {@code max_signals} and the
     * job's {@code alerts.max-per-window}, suppress alerts by the rules' {@code alert_suppression}, build alerts, hand alerts and dead letters (with events
     * too late to correlate or sequence) to {@code sinks}.
     *
     * @param events in event time: from {@link #read}, or with {@link #eventTime} watermarks
     */
    public static void defineWorkflow(JobConfig config, List<Rule> rules, DataStream<RawEvent> events, JobSinks sinks) {
        SingleOutputStreamOperator<ContainerEvent> decoded = events
                .process(new DecodeFunction(rules, config.eql()), TypeInformation.of(ContainerEvent.class))
                .name("decode and match")
                .uid("decode");
        // The later stages take rule updates whether or not there are any. None come from the events' own
        // source, so that event time and the end of input reach those stages as they reach the events.
        DataStream<RuleUpdate> none = events
                .flatMap((RawEvent event, Collector<RuleUpdate> out) -> { }, TypeInformation.of(RuleUpdate.class))
                .name("no rule updates")
                .uid("no-rule-updates");
        defineStages(config, new LiveRules(rules, config.eql()), decoded, none.broadcast(LiveRules.TEXTS, LiveRules.REMOVED), sinks);
    }

    /**
     * As {@link #defineWorkflow(JobConfig, List, DataStream, JobSinks)}, the rules changing as
     * {@code ruleUpdates} says while the job runs: every stage that judges or describes events by rule
     * receives the updates as broadcast state. The decoder, then a stage of two inputs, no longer shares
     * a task with the source: its events cross a local channel.
     */
    public static void defineWorkflow(JobConfig config, List<Rule> rules, DataStream<RawEvent> events,
            DataStream<RuleUpdate> ruleUpdates, JobSinks sinks) {
        LiveRules liveRules = new LiveRules(rules, config.eql());
        BroadcastStream<RuleUpdate> broadcast = ruleUpdates.broadcast(LiveRules.TEXTS, LiveRules.REMOVED);
        SingleOutputStreamOperator<ContainerEvent> decoded = events.connect(broadcast)
                .process(new LiveDecodeFunction(liveRules), TypeInformation.of(ContainerEvent.class))
                .name("decode and match")
                .uid("decode");
        defineStages(config, liveRules, decoded, broadcast, sinks);
    }

    private static void defineStages(JobConfig config, LiveRules rules, SingleOutputStreamOperator<ContainerEvent> decoded,
            BroadcastStream<RuleUpdate> ruleUpdates, JobSinks sinks) {

        // The per-container stages emit rare records (matches, correlation input): each is sent at once
        // instead of waiting up to the 100 ms buffer timeout per network hop, which an alert would pay twice.
        SingleOutputStreamOperator<ContainerEvent> contained = decoded
                .flatMap(new ContextInput(FollowUp::isCandidate), TypeInformation.of(ContainerEvent.class))
                .name("what the context reads")
                .uid("context-input")
                .keyBy(event -> event.containerId, TypeInformation.of(String.class))
                .process(new ContainerContext(FollowUp::isCandidate, config.context()), TypeInformation.of(ContainerEvent.class))
                .name("process context")
                .uid("context")
                .setBufferTimeout(0);
        Set<String> listenerRules = JobRules.listenerRules(config.correlation(), rules.fromFiles());
        Correlation correlation = Correlation.of(contained, contained.getSideOutput(ContainerContext.SETTLED),
                listenerRules, config.correlation());
        correlation.detections().setBufferTimeout(0);

        SingleOutputStreamOperator<Detection> sequences = decoded.getSideOutput(DecodeFunction.SEQUENCE_EVENTS)
                .keyBy(event -> event.key, TypeInformation.of(String.class))
                .connect(ruleUpdates)
                .process(new SequenceFunction(rules, config.sequence()), TypeInformation.of(Detection.class))
                .name("sequences")
                .uid("sequences")
                .setBufferTimeout(0);

        DataStream<Detection> ruleDetections = contained
                .union(decoded.getSideOutput(DecodeFunction.UNCONTAINED_MATCHES))
                .flatMap((ContainerEvent event, Collector<Detection> out) -> Detection.ofRules(event).forEach(out::collect),
                        TypeInformation.of(Detection.class))
                .name("rule detections")
                .uid("rule-detections");
        DataStream<Detection> limited = ruleDetections.union(correlation.detections(), sequences);
        if (config.alerts().maxSignals()) {
            RateLimit.Windows perRule = RateLimit.perRule(rules.fromFiles());
            limited = limited.keyBy(RateLimit.keys(perRule), TypeInformation.of(String.class))
                    .process(new RateLimit(perRule, "alertsHeldBack"), TypeInformation.of(Detection.class))
                    .name("max_signals per rule")
                    .uid("rule-rate-limit");
        }
        if (config.alerts().maxPerWindow() != null) {
            RateLimit.Windows job = RateLimit.perJob(config.alerts());
            limited = limited.keyBy(RateLimit.keys(job), TypeInformation.of(String.class))
                    .process(new RateLimit(job, "alertsHeldBackByJob"), TypeInformation.of(Detection.class))
                    .name("alerts.max-per-window")
                    .uid("job-rate-limit");
        }
        List<Rule> suppressing = config.alerts().suppressing(rules.fromFiles());
        if (SuppressionTerms.anyIn(suppressing)) {
            // After the limits: max_signals caps what a rule finds, as the hits of one Kibana run, and every
            // kept alert exists for the updates of its count. A group's alert and its updates go from one
            // subtask of this stage to the one of the alert stage that builds its rule's alerts, and on to the
            // Elasticsearch sink, in order: an update leaves after the alert it updates.
            limited = limited.map(new SuppressionTerms(suppressing), TypeInformation.of(Detection.class))
                    .name("suppression terms")
                    .uid("suppression-terms")
                    .keyBy(SuppressionTerms.keys(), TypeInformation.of(String.class))
                    .process(new SuppressionFunction(suppressing), TypeInformation.of(Detection.class))
                    .name("alert suppression")
                    .uid("suppression");
        }
        DataStream<Alert> alerts = limited
                .keyBy(detection -> detection.ruleId, TypeInformation.of(String.class))
                .connect(ruleUpdates)
                .process(new AlertFunction(rules, config.name(), config.elasticsearch().namespace()),
                        TypeInformation.of(Alert.class))
                .name("alerts")
                .uid("alerts");
        sinks.alerts(alerts);

        DataStream<DeadLetter> late = correlation.late()
                .map(event -> DeadLetter.late(event, System.currentTimeMillis()), TypeInformation.of(DeadLetter.class))
                .name("late for correlation")
                .uid("late-for-correlation");
        DataStream<DeadLetter> lateForSequences = sequences.getSideOutput(SequenceFunction.LATE)
                .map(event -> DeadLetter.late(event, System.currentTimeMillis()), TypeInformation.of(DeadLetter.class))
                .name("late for sequences")
                .uid("late-for-sequences");
        sinks.deadLetters(decoded.getSideOutput(DecodeFunction.DEAD_LETTERS).union(late, lateForSequences));
    }
}
