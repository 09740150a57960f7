package io.ncwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.decode.DecodeFunction;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.generate.ExpectedAlert;
import io.ncwatch.generate.FleetGenerator;
import io.ncwatch.generate.FleetOptions;
import io.ncwatch.generate.GenerationResult;
import io.ncwatch.generate.Scenario;
import io.ncwatch.harness.MiniClusters;
import io.ncwatch.job.ElasticsearchHunt;
import io.ncwatch.job.HuntScope;
import io.ncwatch.job.JobConfig;
import io.ncwatch.job.JobRules;
import io.ncwatch.job.NcwatchJob;
import io.ncwatch.record.Stage;
import io.ncwatch.rules.Rule;
import io.ncwatch.testing.ElasticsearchServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated fleet traffic indexed into the real Elasticsearch as Defend for Containers writes it
 * ({@code logs-cloud_defend.process-*}, ECS keyword mapping), hunted by the job at parallelism 2: the
 * alerts are exactly the generator's ground truth, a second hunt adds no document, and a hunt stopped
 * midway and resumed from its savepoint reads every document once.
 */
class ElasticsearchHuntIT {
    /** Accumulators (the documents read) reach the job's client with the TaskManager's heartbeats. */
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots(
            new Configuration().set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofMillis(500)));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAMESPACE = "huntit" + Long.toString(System.currentTimeMillis(), 36);
    private static final String EVENTS_INDEX = "logs-cloud_defend.process-" + NAMESPACE;
    private static final FleetOptions FLEET = FleetOptions.builder().seed(2027).containers(100).events(10_000)
            .scenarios(Scenario.BIND_SHELL, Scenario.LISTENER_ONLY, Scenario.WRAPPER, Scenario.REVERSE_SHELL)
            .build();

    private static final ElasticsearchServer ES = ElasticsearchServer.shared();
    private static List<String> expected;
    private static Instant first = Instant.MAX;
    private static Instant last = Instant.MIN;

    @BeforeAll
    static void indexTheFleet() throws Exception {
        GenerationResult generated = index();
        expected = generated.truth().stream().map(ExpectedAlert::alertId).toList();
        assertThat(generated.truth()).extracting(ExpectedAlert::stage).contains(Stage.RULE, Stage.CONNECTION, Stage.SHELL);
    }

    @Test
    void aHuntRaisesExactlyTheGroundTruthAndASecondOneAddsNothing() throws Exception {
        String namespace = NAMESPACE + "once";
        JobConfig config = config(namespace, Map.of());
        List<Rule> rules = rules(config);

        assertThat(ElasticsearchHunt.count(config, rules, scope())).as("documents the hunt reads")
                .isEqualTo(ES.count(EVENTS_INDEX));
        ElasticsearchHunt.run(config, rules, scope(), new Configuration());

        assertThat(ES.documents(alerts(namespace)).keySet()).containsExactlyInAnyOrderElementsOf(expected);

        ElasticsearchHunt.run(config, rules, scope(), new Configuration());

        assertThat(ES.count(alerts(namespace))).as("after the second hunt").isEqualTo(expected.size());
    }

    @Test
    void aHuntStoppedMidwayWithASavepointResumesFromItAndReadsEveryDocumentOnce(@TempDir Path savepoints)
            throws Exception {
        String namespace = NAMESPACE + "resumed";
        // 1,000 documents a second: the hunt takes about ten seconds, and is stopped in its first half.
        JobConfig config = config(namespace, Map.of(JobConfig.Elasticsearch.SOURCE_THROTTLE.key(), "1000"));
        List<Rule> rules = rules(config);
        long total = ElasticsearchHunt.count(config, rules, scope());

        JobClient stopped = ElasticsearchHunt.start(config, rules, scope(), new Configuration());
        awaitRead(stopped, total / 5);
        String savepoint = stopped.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                .get();
        long readBefore = read(stopped.getJobExecutionResult().get());
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        long readAfter = read(ElasticsearchHunt.run(config, rules, scope(), restore));

        assertThat(readBefore).as("documents read before the savepoint").isBetween(total / 5, total - 1);
        assertThat(readBefore + readAfter).as("documents read by both runs").isEqualTo(total);
        assertThat(ES.documents(alerts(namespace)).keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static void awaitRead(JobClient hunt, long documents) throws Exception {
        while (!(hunt.getAccumulators().get().get(DecodeFunction.EVENTS_IN) instanceof Long read && read >= documents)) {
            assertThat(hunt.getJobStatus().get().isGloballyTerminalState()).as("the hunt ended before it was stopped")
                    .isFalse();
            Thread.sleep(100);
        }
    }

    private static long read(JobExecutionResult result) {
        return result.<Long>getAccumulatorResult(DecodeFunction.EVENTS_IN);
    }

    private static JobConfig config(String namespace, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of(
                "elasticsearch.url", ES.url(),
                "elasticsearch.namespace", namespace,
                "outputs.kafka", "false",
                "checkpoints.interval", "1s",
                "parallelism", "2"));
        all.putAll(settings);
        return JobConfig.load(NcwatchJob.DEFAULT_JOB, all);
    }

    private static List<Rule> rules(JobConfig config) {
        return JobRules.load(config.ruleFiles(), EqlOptions.ELASTICSEARCH, notice -> { });
    }

    private static HuntScope scope() {
        return new HuntScope(ES.url(), "logs-cloud_defend.process-*", first, last.plusMillis(1), HuntScope.EVENT_ID, 8);
    }

    private static String alerts(String namespace) {
        return "logs-ncwatch.alerts-" + namespace;
    }

    /** Indexes the fleet's process and network events into one index of this test, with an ECS-ish mapping. */
    private static GenerationResult index() throws Exception {
        ES.createEventsIndex(EVENTS_INDEX);
        StringBuilder bulk = new StringBuilder();
        GenerationResult generated = new FleetGenerator(FLEET).generate((kind, containerId, json) -> {
            Instant time = Instant.parse(JSON.readTree(json).get("@timestamp").asText());
            first = time.isBefore(first) ? time : first;
            last = time.isAfter(last) ? time : last;
            bulk.append("{\"create\":{}}\n").append(new String(json, StandardCharsets.UTF_8)).append('\n');
            if (bulk.length() > 4 << 20) {
                send(bulk);
            }
        });
        send(bulk);
        ES.refresh(EVENTS_INDEX);
        return generated;
    }

    private static void send(StringBuilder bulk) {
        if (!bulk.isEmpty()) {
            assertThat(ES.request("POST", "/" + EVENTS_INDEX + "/_bulk", bulk.toString()).get("errors").asBoolean())
                    .as("bulk errors").isFalse();
            bulk.setLength(0);
        }
    }
}
