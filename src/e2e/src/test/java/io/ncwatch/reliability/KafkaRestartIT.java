package io.ncwatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.generate.FleetOptions;
import io.ncwatch.generate.GenerationResult;
import io.ncwatch.harness.MiniClusters;
import io.ncwatch.testing.Await;
import io.ncwatch.testing.KafkaServer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kafka broker restarted while the job runs (its source, its transactional alerts and dead-letter
 * sinks all lose their connections): afterwards no alert is lost and none doubled, in Elasticsearch and
 * on the alerts topic read with {@code read_committed}.
 */
class KafkaRestartIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    /** On a broker of this test's own, which it restarts: plain, and secured as {@code stack up --secure} starts it. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plaintext", "SASL_SSL"})
    void aBrokerRestartLosesAndDoublesNoAlert(String security) throws Exception {
        try (KafkaServer broker = security.equals("SASL_SSL") ? KafkaServer.secured("kafkarestart-secured")
                : KafkaServer.dedicated("kafkarestart")) {
            try {
                restart(broker, new Figures("Kafka broker restart, " + security));
            } finally {
                FaultRun.deleteOutputs();
            }
        }
    }

    private static void restart(KafkaServer broker, Figures figures) throws Exception {
        FaultRun run = new FaultRun("kafkarestart", broker);
        GenerationResult before = run.produceGenerated(FaultRun.traffic(3, FleetOptions.DEFAULT_START));
        Configuration flink = new Configuration();
        // The job may fail while the broker is away; it must then recover from its last checkpoint.
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 60);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        JobClient job = FaultRun.start(run.config(Map.of("kafka.bounded", "false")), flink, UnaryOperator.identity());
        // The two slots are the cluster's: a job left running would starve the next test of them.
        try {
            Set<String> expected = new HashSet<>(FaultRun.expectedAlertIds(before.truth()));
            Await.until("the first alerts are committed to Kafka", Duration.ofMinutes(2), () -> !run.alertsInKafka().isEmpty());

            try {
                run.kafka.stop();
            } finally {
                run.kafka.start();
            }
            GenerationResult after = run.produceGenerated(FaultRun.traffic(4, FleetOptions.DEFAULT_START.plus(Duration.ofHours(2))));
            expected.addAll(FaultRun.expectedAlertIds(after.truth()));
            expected.addAll(FaultRun.expectedAlertIds(run.produceQuietTraffic(FleetOptions.DEFAULT_START.plus(Duration.ofHours(3))).truth()));

            run.awaitEveryAlert(expected, Duration.ofMinutes(4));
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            AlertTally elasticsearch = AlertTally.of("Elasticsearch", expected, run.alertsInElasticsearch());
            AlertTally kafka = AlertTally.of("Kafka read_committed", expected, run.alertsInKafka());
            figures.put("events", before.events() + after.events()).put("faults", "broker restarted once")
                    .put("alerts", elasticsearch).put("alerts on Kafka", kafka).print();
            assertThat(elasticsearch.exact()).as(elasticsearch.toString()).isTrue();
            assertThat(kafka.exact()).as(kafka.toString()).isTrue();
        } finally {
            job.cancel().get();
        }
    }
}
