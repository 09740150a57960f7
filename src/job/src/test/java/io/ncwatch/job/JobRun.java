package io.ncwatch.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.decode.RawEvents;
import io.ncwatch.record.Alert;
import io.ncwatch.record.DeadLetter;
import io.ncwatch.record.RawEvent;
import io.ncwatch.rules.Rule;
import io.ncwatch.rules.RuleFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The whole job over given records (in delivery order) in the test's MiniCluster, with collecting sinks. */
public final class JobRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Alerts by id, and dead letters. */
    public record Output(Map<String, JsonNode> alerts, List<DeadLetter> deadLetters) {}

    private JobRun() {}

    public static List<Rule> seedRule() {
        return RuleFiles.load(Path.of("jobs/netcat-listener/rule.toml")).rules();
    }

    /**
     * The job with the seed rule.
     *
     * @param records their offsets are replaced by their positions in the list
     * @param perSecond records per second of wall time, so that the periodic watermark passes events
     *     before records far behind them arrive; 0 for as fast as it goes
     */
    public static Output run(List<RawEvent> records, double perSecond) throws Exception {
        return run(seedRule(), records, perSecond);
    }

    /** As {@link #run(List, double)}, with the given rules. */
    public static Output run(List<Rule> rules, List<RawEvent> records, double perSecond) throws Exception {
        return run(Map.of(), rules, records, perSecond);
    }

    /** As {@link #run(List, List, double)}, with job {@code settings} (dotted job.yaml paths) besides the test's. */
    public static Output run(Map<String, String> settings, List<Rule> rules, List<RawEvent> records, double perSecond)
            throws Exception {
        Map<String, String> all = new TreeMap<>(Map.of("name", "netcat-listener", "checkpoints.interval", "1s"));
        all.putAll(settings);
        JobConfig config = JobConfig.of(all);
        StreamExecutionEnvironment env = NcwatchJob.environment(config, new Configuration());
        env.setParallelism(2);
        List<byte[]> jsons = records.stream().map(record -> record.json).toList();
        List<String> topics = records.stream().map(record -> record.topic).toList();
        GeneratorFunction<Long, RawEvent> byIndex = index -> RawEvents.of(
                jsons.get(index.intValue()), topics.get(index.intValue()), 0, index);
        DataGeneratorSource<RawEvent> source = new DataGeneratorSource<>(byIndex, records.size(),
                perSecond == 0 ? RateLimiterStrategy.noOp() : RateLimiterStrategy.perSecond(perSecond),
                TypeInformation.of(RawEvent.class));
        CollectingSinks sinks = new CollectingSinks();
        NcwatchJob.defineWorkflow(config, rules, inOrder(env, source, config), sinks);
        env.execute("test");
        Map<String, JsonNode> alerts = new TreeMap<>();
        for (Alert alert : sinks.alerts()) {
            JsonNode previous = alerts.put(alert.id, JSON.readTree(alert.json));
            if (previous != null) {
                throw new AssertionError("alert " + alert.id + " raised twice");
            }
        }
        return new Output(alerts, sinks.deadLetters());
    }

    /** One reader, so that records arrive in the list's order, as from one Kafka partition. */
    private static DataStream<RawEvent> inOrder(StreamExecutionEnvironment env, DataGeneratorSource<RawEvent> source,
            JobConfig config) {
        return env.fromSource(source, NcwatchJob.eventTime(config.eventTime()), "test-source",
                        TypeInformation.of(RawEvent.class))
                .setParallelism(1)
                .uid("test-source");
    }

}
