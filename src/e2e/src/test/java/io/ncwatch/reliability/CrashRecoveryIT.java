package io.ncwatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ncwatch.cli.Main;
import io.ncwatch.cli.SubmitCommand;
import io.ncwatch.generate.FleetOptions;
import io.ncwatch.generate.GenerationResult;
import io.ncwatch.harness.MiniClusters;
import io.ncwatch.job.NcwatchJob;
import io.ncwatch.record.RawEvent;
import io.ncwatch.testing.Await;
import io.ncwatch.testing.FlinkCluster;
import io.ncwatch.testing.KafkaServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crash recovery: generated fleet traffic with known attacks in Kafka, the job checkpointing every 2 s,
 * failures at seeded random points, and afterwards every ground-truth alert exactly once in
 * Elasticsearch and on the alerts topic read with {@code read_committed}. Two kinds of failure: an
 * operator that throws (MiniCluster, restart strategy), and a TaskManager of the real session cluster
 * killed with SIGKILL while it runs the job jar.
 */
class CrashRecoveryIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @AfterAll
    static void deleteTheRunsOutputs() {
        FaultRun.deleteOutputs();
    }

    private static final long SEED = 20261128L;
    private static final long EVENTS = 200_000;
    private static final int OPERATOR_FAILURES = 3;

    private static final FleetOptions TRAFFIC = FleetOptions.builder().scenarios(FaultRun.SCENARIOS)
            .seed(SEED)
            .containers(500)
            .events(EVENTS)
            .attackRate(0.002)
            .build();

    private static FaultRun input;
    private static GenerationResult traffic;
    private static Set<String> expected;

    @BeforeAll
    static void generateTraffic() {
        input = new FaultRun("crash");
        traffic = input.produceGenerated(TRAFFIC);
        expected = FaultRun.expectedAlertIds(traffic.truth());
        assertThat(traffic.events()).isEqualTo(EVENTS);
        assertThat(expected).as("attacks in the generated traffic").hasSizeGreaterThan(20);
    }

    static Stream<Arguments> brokers() {
        return Stream.of(Arguments.of(Named.of("plaintext", KafkaServer.shared())),
                Arguments.of(Named.of("SASL_SSL", KafkaServer.sharedSecured())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void failingOperatorsLoseAndDoubleNoAlert(KafkaServer kafka) throws Exception {
        Figures figures = new Figures("crash recovery, failing operator (MiniCluster)" + (kafka.isSecured() ? ", SASL_SSL" : ""));
        // The same traffic on the secured broker: the same events, so the same expected alerts.
        FaultRun run = kafka == input.kafka ? input : new FaultRun("crashsecured", kafka);
        if (run != input) {
            run.produceGenerated(TRAFFIC);
        }
        Random random = new Random(SEED);
        List<Long> triggers = new ArrayList<>();
        for (int i = 0; i < OPERATOR_FAILURES; i++) {
            triggers.add(EVENTS / 10 + (long) (random.nextDouble() * EVENTS * 8 / 10));
        }
        String plan = run.name;
        InjectedFailures failures = InjectedFailures.at(plan, triggers);
        Configuration flink = new Configuration();
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, OPERATOR_FAILURES + 1);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));

        JobClient job = FaultRun.start(run.config(Map.of()), flink, events -> events
                .map(failures, TypeInformation.of(RawEvent.class)).name("injected failures").uid("injected-failures"));
        job.getJobExecutionResult().get();

        assertThat(InjectedFailures.injected(plan)).as("failures injected").isEqualTo(OPERATOR_FAILURES);
        assertExactlyOnce(run, figures.put("events", traffic.events()).put("faults", "operator failures at records " + triggers));
    }

    @Test
    void aKilledTaskManagerLosesAndDoublesNoAlert() throws Exception {
        FlinkCluster cluster = FlinkCluster.shared();
        FaultRun run = new FaultRun("crashtm", input);
        Figures figures = new Figures("crash recovery, killed TaskManager (session cluster)");
        List<String> arguments = new ArrayList<>(List.of("--flink", cluster.url(), "--jar", Path.of("target/ncwatch-0.1.0.jar").toString(),
                "--job", NcwatchJob.DEFAULT_JOB.toAbsolutePath().toString()));
        run.jobArguments().forEach((setting, value) -> arguments.addAll(List.of("--set", setting + "=" + value)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.execute(new SubmitCommand(new PrintStream(out, true), new PrintStream(err, true)), out, err,
                arguments.toArray(String[]::new));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String jobId = out.toString(StandardCharsets.UTF_8).strip();

        // The kill comes once a seeded share of the alerts has been written: mid-run, after checkpoints.
        long killAfter = Math.max(1, (long) (expected.size() * (0.2 + new Random(SEED).nextDouble() * 0.4)));
        Await.until("job " + jobId + " writes " + killAfter + " alerts", Duration.ofMinutes(3),
                () -> run.elasticsearch.count(run.alertsIndex() + "*") >= killAfter || !state(cluster, jobId).equals("RUNNING"));
        assertThat(state(cluster, jobId)).as("the job is still running when its TaskManager is killed").isEqualTo("RUNNING");
        cluster.killTaskManager();
        cluster.startTaskManager();

        Await.until("job " + jobId + " finishes", Duration.ofMinutes(5), () -> !state(cluster, jobId).equals("RUNNING")
                && !state(cluster, jobId).equals("RESTARTING") && !state(cluster, jobId).equals("INITIALIZING"));
        assertThat(state(cluster, jobId)).isEqualTo("FINISHED");
        JsonNode failovers = cluster.get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries");
        assertThat(failovers).as("failovers the job recovered from").isNotEmpty();
        assertExactlyOnce(run, figures.put("events", traffic.events())
                .put("faults", "TaskManager killed after " + killAfter + " alerts; failovers " + failovers.size()));
    }

    private static String state(FlinkCluster cluster, String jobId) {
        return cluster.get("/jobs/" + jobId).get("state").asText();
    }

    private static void assertExactlyOnce(FaultRun run, Figures figures) {
        AlertTally elasticsearch = AlertTally.of("Elasticsearch", expected, run.alertsInElasticsearch());
        AlertTally kafka = AlertTally.of("Kafka read_committed", expected, run.alertsInKafka());
        figures.put("alerts", elasticsearch).put("alerts on Kafka", kafka).print();
        assertThat(elasticsearch.exact()).as(elasticsearch.toString()).isTrue();
        assertThat(kafka.exact()).as(kafka.toString()).isTrue();
    }
}
