package io.ncwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.connector.elasticsearch.AcknowledgementListener;
import io.ncwatch.connector.elasticsearch.EsDocument;
import io.ncwatch.job.JobConfig;
import io.ncwatch.job.ServiceSinks;
import io.ncwatch.record.Stage;
import io.ncwatch.rules.Rule;
import io.ncwatch.testing.KafkaServer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Event-to-acknowledged-alert latency at a steady rate. The traffic goes into a Kafka topic whose records
 * carry the broker's {@code LogAppendTime}: the moment each event arrived in Kafka, which the producer's
 * send callback reports by partition and offset. The job (unbounded Kafka source, checkpoints every
 * 10 s, Elasticsearch sink) runs meanwhile; the sink's {@link AcknowledgementListener} is called where
 * each bulk response arrives, and reads from the alert the partition and offset of its source event
 * ({@code ncwatch.source_event}): latency = response arrival - append time, in milliseconds, both from
 * this machine's clock.
 */
final class LatencyRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 2;

    /** When each event arrived in Kafka, by partition and offset; 0 while unknown. */
    private static volatile long[][] appendTimes;
    private static final Histogram RULE = new Histogram(TimeUnit.HOURS.toMillis(1), 3);
    private static final Histogram CORRELATED = new Histogram(TimeUnit.HOURS.toMillis(1), 3);
    private static final AtomicLong UNMATCHED = new AtomicLong();

    /**
     * @param rule alerts at stage {@code rule}: the listener's own detection, raised as the event arrives
     * @param correlated alerts at the correlation's stages, which wait for the watermark by design
     * @param producedRate events per second the producer achieved
     * @param consumedBehindSeconds how long after the last event was produced the job had read it
     */
    record Result(Histogram rule, Histogram correlated, long events, double producedRate, double consumedBehindSeconds,
            double load) {}

    private LatencyRun() {}

    static Result run(Traffic traffic, List<Rule> rules, String elasticsearch, int rate, long maxEvents) throws Exception {
        KafkaServer kafka = KafkaServer.shared();
        String topic = KafkaTraffic.createTopic(kafka, "bench.latency", PARTITIONS, true);
        long events = Math.min(maxEvents, traffic.events());
        long[][] times = new long[PARTITIONS][];
        for (int p = 0; p < PARTITIONS; p++) {
            times[p] = new long[traffic.partitions()[p].length];
        }
        appendTimes = times;
        RULE.reset();
        CORRELATED.reset();
        UNMATCHED.set(0);
        Probe.reset();

        JobConfig config = BenchJob.config(Map.of(
                "kafka.bootstrap-servers", kafka.bootstrapServers(),
                "kafka.group-id", topic,
                "kafka.topics.process", topic,
                "kafka.topics.network", "",
                "elasticsearch.url", elasticsearch));
        StreamExecutionEnvironment env = BenchJob.define(config, rules,
                ServiceSinks.prepare(config, (AcknowledgementListener) LatencyRun::acknowledged), BenchJob.kafka(config));
        JobClient job = env.executeAsync("ncwatch bench latency");
        try {
            awaitRunning(job);
            Thread.sleep(3_000); // the source's readers are assigned their partitions
            double load0 = Machine.loadAverage();
            long started = System.nanoTime();
            KafkaTraffic.produce(kafka, topic, traffic, events, rate, (metadata, e) -> {
                if (e == null) {
                    appendTimes[metadata.partition()][(int) metadata.offset()] = metadata.timestamp();
                }
            });
            long produced = System.nanoTime();
            long deadline = produced + TimeUnit.SECONDS.toNanos(120);
            while (Probe.EVENTS.sum() < events && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            double behind = (System.nanoTime() - produced) / 1e9;
            Thread.sleep(8_000); // the last alerts: buffer time of the sink, the watermark of the correlation
            double load = (load0 + Machine.loadAverage()) / 2;
            synchronized (LatencyRun.class) {
                return new Result(RULE.copy(), CORRELATED.copy(), events, events / ((produced - started) / 1e9), behind,
                        load);
            }
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
            appendTimes = null;
        }
    }

    static long unmatched() {
        return UNMATCHED.get();
    }

    private static void awaitRunning(JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the latency job did not start within 120 s");
            }
            Thread.sleep(100);
        }
    }

    /** The sink's acknowledgement listener (on its task thread). */
    private static void acknowledged(EsDocument document, long responseMillis) {
        long[][] times = appendTimes;
        if (times == null) {
            return;
        }
        try {
            JsonNode ncwatch = JSON.readTree(document.json()).path("ncwatch");
            JsonNode source = ncwatch.path("source_event");
            int partition = source.path("partition").asInt(-1);
            int offset = source.path("offset").asInt(-1);
            long appended = partition >= 0 && partition < times.length && offset >= 0 && offset < times[partition].length
                    ? times[partition][offset] : 0;
            if (appended == 0) {
                UNMATCHED.incrementAndGet();
                return;
            }
            boolean rule = Stage.RULE.jsonName().equals(ncwatch.path("stage").asText());
            synchronized (LatencyRun.class) {
                (rule ? RULE : CORRELATED).recordValue(Math.max(0, responseMillis - appended));
            }
        } catch (IOException e) {
            UNMATCHED.incrementAndGet();
        }
    }
}
