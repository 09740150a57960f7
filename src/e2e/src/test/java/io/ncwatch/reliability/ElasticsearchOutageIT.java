package io.ncwatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.generate.FleetOptions;
import io.ncwatch.generate.GenerationResult;
import io.ncwatch.harness.MiniClusters;
import io.ncwatch.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Elasticsearch stopped for 60 s while the job runs, then started again: the job does not fail (it has
 * no restart strategy, so a failure would end it), no alert is lost or doubled, and the sink backs off
 * instead of retrying in a storm.
 */
class ElasticsearchOutageIT {
    private static final JobMetrics METRICS = new JobMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots(METRICS.addTo(new Configuration()));

    @AfterAll
    static void deleteTheRunsOutputs() {
        FaultRun.deleteOutputs();
    }

    private static final Duration OUTAGE = Duration.ofSeconds(60);

    @Test
    void theJobRidesOutAnOutageAndLosesNoAlert() throws Exception {
        Figures figures = new Figures("Elasticsearch outage");
        FaultRun run = new FaultRun("esoutage");
        GenerationResult before = run.produceGenerated(FaultRun.traffic(1, FleetOptions.DEFAULT_START));
        Configuration flink = new Configuration();
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // Waits between retries double up to 8 s, not the default 30 s: the job writes soon after the outage.
        JobClient job = FaultRun.start(run.config(Map.of("kafka.bounded", "false", "elasticsearch.max-backoff", "8s")), flink,
                UnaryOperator.identity());
        JobID id = job.getJobID();
        Set<String> expected = new HashSet<>(FaultRun.expectedAlertIds(before.truth()));
        Await.until("the first alerts are written", Duration.ofMinutes(2), () -> !run.alertsInElasticsearch().isEmpty());

        run.elasticsearch.stop();
        Instant stopped = Instant.now();
        // Traffic that arrives during the outage: its alerts can reach Elasticsearch only after it.
        GenerationResult during = run.produceGenerated(FaultRun.traffic(2, FleetOptions.DEFAULT_START.plus(Duration.ofHours(2))));
        expected.addAll(FaultRun.expectedAlertIds(during.truth()));
        expected.addAll(FaultRun.expectedAlertIds(run.produceQuietTraffic(FleetOptions.DEFAULT_START.plus(Duration.ofHours(3))).truth()));
        long largestBackoff = 0;
        long retriesInOutage;
        try {
            while (Duration.between(stopped, Instant.now()).compareTo(OUTAGE) < 0) {
                assertThat(job.getJobStatus().get()).as("the job during the outage").isEqualTo(JobStatus.RUNNING);
                largestBackoff = Math.max(largestBackoff, METRICS.max(id, "currentBackoffMs"));
                Thread.sleep(250);
            }
            retriesInOutage = METRICS.sum(id, "retries");
        } finally {
            run.elasticsearch.start();
        }
        long outageSeconds = Duration.between(stopped, Instant.now()).toSeconds();

        // The node back (its shards recovered) and the backlog written, then a checkpoint commits the
        // alerts to Kafka: minutes on a loaded machine.
        run.awaitEveryAlert(expected, Duration.ofMinutes(5));
        assertThat(job.getJobStatus().get()).as("the job after the outage").isEqualTo(JobStatus.RUNNING);
        job.cancel().get();
        AlertTally elasticsearch = AlertTally.of("Elasticsearch", expected, run.alertsInElasticsearch());
        AlertTally kafka = AlertTally.of("Kafka read_committed", expected, run.alertsInKafka());
        figures.put("events", before.events() + during.events()).put("faults", "Elasticsearch down " + outageSeconds + " s")
                .put("sink retries", METRICS.sum(id, "retries")).put("largest backoff ms", largestBackoff)
                .put("alerts", elasticsearch).put("alerts on Kafka", kafka).print();

        assertThat(elasticsearch.exact()).as(elasticsearch.toString()).isTrue();
        assertThat(kafka.exact()).as(kafka.toString()).isTrue();
        // Without backoff a writer retries at once, hundreds of times a second; with it, a few dozen
        // times in a minute, each wait longer than the one before, up to seconds.
        assertThat(retriesInOutage).as("retries during the outage").isBetween(3L, 100L);
        assertThat(largestBackoff).as("the longest backoff during the outage, ms").isGreaterThanOrEqualTo(5_000);
    }
}
