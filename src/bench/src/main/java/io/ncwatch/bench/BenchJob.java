package io.ncwatch.bench;

import io.ncwatch.connector.kafka.KafkaSources;
import io.ncwatch.decode.RawEventDeserializer;
import io.ncwatch.job.JobConfig;
import io.ncwatch.job.JobSinks;
import io.ncwatch.job.NcwatchJob;
import io.ncwatch.job.SampleRun;
import io.ncwatch.record.RawEvent;
import io.ncwatch.rules.Rule;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The ncwatch job as the benchmark runs it: in a MiniCluster in this JVM at parallelism 2, checkpoints
 * every 10 s to files, the job's own dataflow ({@link NcwatchJob#defineWorkflow}) between a chosen
 * source and chosen sinks, with {@link Probe.CountEvents} chained to the source.
 */
final class BenchJob {
    static final int PARALLELISM = 2;
    static final Path WORK = Path.of("target", "bench").toAbsolutePath();

    private BenchJob() {}

    /**
     * The job's configuration: the seed rule is the listener rule of the correlation; alerts go to
     * Elasticsearch only (the Kafka output is off: the benchmark measures one sink at a time).
     */
    static JobConfig config(Map<String, String> more) {
        Map<String, String> overrides = new HashMap<>(Map.of(
                "name", "bench",
                "parallelism", Integer.toString(PARALLELISM),
                "checkpoints.interval", "10s",
                "outputs.kafka", "false",
                "elasticsearch.namespace", "bench",
                "correlation.listener-rules", BenchRules.SEED_RULE_ID));
        overrides.putAll(more);
        return JobConfig.of(overrides);
    }

    /** An environment as the job sets it up, its checkpoints in files and its REST endpoint on a free port. */
    static StreamExecutionEnvironment environment(JobConfig config) {
        Configuration base = new Configuration();
        base.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, WORK.resolve("checkpoints").toUri().toString());
        base.set(RestOptions.BIND_PORT, "0");
        return NcwatchJob.environment(config, base);
    }

    /** Defines the job over {@code source}, which makes the stream of raw events in {@code env}. */
    static StreamExecutionEnvironment define(JobConfig config, List<Rule> rules, JobSinks sinks,
            Function<StreamExecutionEnvironment, DataStream<RawEvent>> source) {
        StreamExecutionEnvironment env = environment(config);
        DataStream<RawEvent> events = source.apply(env)
                .map(new Probe.CountEvents(), TypeInformation.of(RawEvent.class)).name("count events").uid("count-events");
        NcwatchJob.defineWorkflow(config, rules, events, sinks);
        return env;
    }

    /** In-memory traffic as the source. */
    static Function<StreamExecutionEnvironment, DataStream<RawEvent>> memory(String name, Traffic traffic, JobConfig config) {
        return env -> NcwatchJob.read(env, MemorySource.of(name, traffic), "source-memory", config.eventTime());
    }

    /** A JSON-lines file as the source, as {@code ncwatch run} reads its samples. */
    static Function<StreamExecutionEnvironment, DataStream<RawEvent>> file(Path file, JobConfig config) {
        return env -> NcwatchJob.read(env, SampleRun.fileSource(file), "source-file", config.eventTime());
    }

    /** The configured Kafka process topic as the source (the benchmark's traffic has both kinds in one topic). */
    static Function<StreamExecutionEnvironment, DataStream<RawEvent>> kafka(JobConfig config) {
        return env -> NcwatchJob.read(env, KafkaSources.of(config.kafka().connection(), config.kafka().topics().process(), new RawEventDeserializer()),
                "source-process", config.eventTime());
    }
}
