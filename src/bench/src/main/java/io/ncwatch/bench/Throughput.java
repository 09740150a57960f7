package io.ncwatch.bench;

import io.ncwatch.job.JobConfig;
import io.ncwatch.job.ServiceSinks;
import io.ncwatch.rules.Rule;
import io.ncwatch.testing.ElasticsearchServer;
import io.ncwatch.testing.KafkaServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The throughput runs over one {@link Traffic}: each a bounded job in a fresh MiniCluster, measured by {@link Meter}. */
final class Throughput {
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Traffic traffic;
    private final String elasticsearch;

    Throughput(Traffic traffic, String elasticsearch) {
        this.traffic = traffic;
        this.elasticsearch = elasticsearch;
    }

    /** The ncwatch job over the in-memory traffic, to Elasticsearch or to a discarding sink. */
    Meter.Result memory(List<Rule> rules, boolean toElasticsearch) throws Exception {
        String name = "memory-" + RUNS.incrementAndGet();
        JobConfig config = config(name);
        try {
            return measure(name, toElasticsearch, config, () -> BenchJob.define(config, rules,
                    toElasticsearch ? ServiceSinks.prepare(config) : new DiscardingSinks(), BenchJob.memory(name, traffic, config))
                    .execute("ncwatch bench " + name));
        } finally {
            MemorySource.release(name);
        }
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
