package io.ncwatch.bench;

import io.ncwatch.job.JobConfig;
import io.ncwatch.job.ServiceSinks;
import io.ncwatch.rules.Rule;
import io.ncwatch.testing.ElasticsearchServer;
import io.ncwatch.testing.KafkaServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The throughput runs over one {@link Traffic}: each a bounded job in a fresh MiniCluster, measured by {@link Meter}. */
final class Throughput {
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Traffic traffic;
    private final String elasticsearch;
    private Path file;

    Throughput(Traffic traffic, String elasticsearch) {
        this.traffic = traffic;
        this.elasticsearch = elasticsearch;
    }

    /** The ncwatch job over the in-memory traffic, heap state, to Elasticsearch or to a discarding sink. */
    Meter.Result memory(List<Rule> rules, boolean toElasticsearch) throws Exception {
        return memory(rules, toElasticsearch, "hashmap");
    }

    /** The same with the state backend {@code stateBackend} ({@code hashmap} or {@code rocksdb}). */
    Meter.Result memory(List<Rule> rules, boolean toElasticsearch, String stateBackend) throws Exception {
        String name = "memory-" + RUNS.incrementAndGet();
        JobConfig config = BenchJob.config(Map.of("elasticsearch.url", elasticsearch, "elasticsearch.namespace", name,
                "state-backend", stateBackend));
        try {
            return measure(name, toElasticsearch, config, () -> BenchJob.define(config, rules,
                    toElasticsearch ? ServiceSinks.prepare(config) : new DiscardingSinks(), BenchJob.memory(name, traffic, config))
                    .execute("ncwatch bench " + name));
        } finally {
            MemorySource.release(name);
        }
    }

    /** The ncwatch job over the traffic as one JSON-lines file (parallel byte ranges), heap state, discarding sink. */
    Meter.Result file(List<Rule> rules) throws Exception {
        String name = "file-" + RUNS.incrementAndGet();
        JobConfig config = config(name);
        Path file = file();
        return measure(name, false, config, () -> BenchJob.define(config, rules, new DiscardingSinks(), BenchJob.file(file, config))
                .execute("ncwatch bench " + name));
    }

    /** The traffic produced into Kafka first, then read by a bounded job that writes to Elasticsearch. */
    Meter.Result kafka(List<Rule> rules) throws Exception {
        KafkaServer kafka = KafkaServer.shared();
        Bench.log("producing " + traffic.events() + " events into Kafka");
        String topic = KafkaTraffic.createTopic(kafka, "bench.events", traffic.partitions().length, false);
        KafkaTraffic.produce(kafka, topic, traffic, traffic.events(), 0, null);
        String name = "kafka-" + RUNS.incrementAndGet();
        JobConfig config = BenchJob.config(Map.of(
                "elasticsearch.url", elasticsearch,
                "elasticsearch.namespace", name,
                "kafka.bootstrap-servers", kafka.bootstrapServers(),
                "kafka.group-id", topic,
                "kafka.bounded", "true",
                "kafka.topics.process", topic,
                "kafka.topics.network", ""));
        return measure(name, true, config, () -> BenchJob.define(config, rules, ServiceSinks.prepare(config),
                BenchJob.kafka(config)).execute("ncwatch bench " + name));
    }

    /** The peer baseline ({@link NaiveJob}) over the in-memory traffic. */
    Meter.Result naive(List<Rule> rules) throws Exception {
        String name = "naive-" + RUNS.incrementAndGet();
        JobConfig config = config(name);
        try {
            return measure(name, false, config, () -> NaiveJob.define(config, rules, BenchJob.memory(name, traffic, config))
                    .execute("ncwatch bench " + name));
        } finally {
            MemorySource.release(name);
        }
    }

    /** The Flink SQL peer ({@link SqlPeerJob}) over the traffic as one JSON-lines file. */
    Meter.Result sql() throws Exception {
        String name = "sql-" + RUNS.incrementAndGet();
        JobConfig config = config(name);
        Path file = file();
        return measure(name, false, config, () -> SqlPeerJob.define(BenchJob.environment(config), file)
                .execute("ncwatch bench " + name));
    }

    /** The traffic as a JSON-lines file, written at the first call. */
    private Path file() throws IOException {
        if (file == null) {
            Files.createDirectories(BenchJob.WORK);
            file = BenchJob.WORK.resolve("traffic-" + traffic.containers() + "-" + traffic.events() + ".jsonl");
            Bench.log("writing the traffic to " + file);
            traffic.write(file);
        }
        return file;
    }

    private JobConfig config(String name) {
        return BenchJob.config(Map.of("elasticsearch.url", elasticsearch, "elasticsearch.namespace", name));
    }

    private Meter.Result measure(String name, boolean toElasticsearch, JobConfig config,
            java.util.concurrent.Callable<?> job) throws Exception {
        Bench.log("run " + name + " (" + traffic.events() + " events)");
        Meter.Result result = Meter.measure(traffic.events(), job);
        long alerts = toElasticsearch
                ? ElasticsearchServer.shared().count(config.elasticsearch().alertsIndex())
                : Probe.ALERTS.sum();
        return result.withAlerts(alerts);
    }
}
