package io.ncwatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ncwatch.generate.EventKind;
import io.ncwatch.generate.ExpectedAlert;
import io.ncwatch.generate.FleetGenerator;
import io.ncwatch.generate.FleetOptions;
import io.ncwatch.generate.GenerationResult;
import io.ncwatch.generate.Scenario;
import io.ncwatch.harness.MiniClusters;
import io.ncwatch.record.RawEvent;
import io.ncwatch.record.Stage;
import io.ncwatch.testing.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrade: the job stopped with a savepoint while a listener waits for its connection; a changed build
 * (parallelism 1 to 2, one more operator, the same uids) started from the savepoint; the connection and
 * the shell that arrive after the restart still correlate with the listener from before the upgrade:
 * each alert once, in Elasticsearch and on Kafka, with the listener's rule alert as their base.
 */
class UpgradeIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @AfterAll
    static void deleteTheRunsOutputs() {
        FaultRun.deleteOutputs();
    }

    private static final long SEED = 77L;

    @TempDir
    Path savepoints;

    /** One generated event and where it goes. */
    private record Produced(String topic, String key, byte[] json) {}

    @Test
    void aListenerInTheSavepointCorrelatesWithWhatArrivesAfterTheUpgrade() throws Exception {
        Figures figures = new Figures("upgrade");
        FaultRun run = new FaultRun("upgrade");
        List<Produced> events = new ArrayList<>();
        GenerationResult traffic = new FleetGenerator(FleetOptions.builder().seed(SEED).containers(20).events(4_000)
                .scenarios(Scenario.BIND_SHELL).attackRate(0).build())
                .generate((kind, container, json) -> events.add(
                        new Produced(kind == EventKind.PROCESS ? run.processTopic : run.networkTopic, container, json)));
        ExpectedAlert listener = only(traffic.truth(), Stage.RULE);
        ExpectedAlert connection = only(traffic.truth(), Stage.CONNECTION);
        String ruleAlert = id(listener);
        Set<String> expected = FaultRun.expectedAlertIds(traffic.truth());
        assertThat(expected).hasSize(3);

        // Version 1 reads the listener and everything up to its connection, then stops with a savepoint.
        int split = indexOf(events, connection.sourceEventId());
        produce(run, events.subList(0, split));
        JobClient before = FaultRun.start(run.config(Map.of("kafka.bounded", "false", "parallelism", "1")),
                new Configuration(), UnaryOperator.identity());
        Await.until("the listener's rule alert is committed", Duration.ofMinutes(2),
                () -> run.alertsInKafka().containsKey(ruleAlert));
        JsonNode verticesBefore = new MiniClusterRest(FLINK).vertices(before.getJobID());
        String savepoint = before.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL).get();
        assertThat(run.alertsInKafka()).as("alerts before the upgrade").containsOnlyKeys(ruleAlert);

        // Version 2: parallelism 2 and one more operator, from the savepoint; the connection and shell arrive now.
        produce(run, events.subList(split, events.size()));
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        JobClient after = FaultRun.start(run.config(Map.of("kafka.bounded", "false", "parallelism", "2")), restore,
                raw -> raw.map(event -> event, TypeInformation.of(RawEvent.class)).name("added in version 2").uid("upgrade-added"));
        Await.until("every alert is in Elasticsearch and on Kafka", Duration.ofMinutes(3),
                () -> run.alertsInElasticsearch().keySet().containsAll(expected) && run.alertsInKafka().keySet().containsAll(expected));
        JsonNode vertices = new MiniClusterRest(FLINK).vertices(after.getJobID());
        after.cancel().get();

        AlertTally elasticsearch = AlertTally.of("Elasticsearch", expected, run.alertsInElasticsearch());
        AlertTally kafka = AlertTally.of("Kafka read_committed", expected, run.alertsInKafka());
        figures.put("events", events.size()).put("faults", "stop-with-savepoint after " + split + " events, restart at parallelism 2 with one more operator")
                .put("alerts", elasticsearch).put("alerts on Kafka", kafka).print();
        assertThat(elasticsearch.exact()).as(elasticsearch.toString()).isTrue();
        assertThat(kafka.exact()).as(kafka.toString()).isTrue();
        for (Stage stage : List.of(Stage.CONNECTION, Stage.SHELL)) {
            JsonNode alert = run.elasticsearch.documents(run.alertsIndex()).get(id(only(traffic.truth(), stage)));
            assertThat(alert.at("/ncwatch/correlation/base_alert_id").asText()).as(stage + " alert's base").isEqualTo(ruleAlert);
        }
        assertThat(verticesBefore).as("version 1's operators").allSatisfy(vertex -> assertThat(vertex.get("parallelism").asInt()).isEqualTo(1));
        assertThat(vertices).as("version 2's operators").anySatisfy(vertex -> assertThat(vertex.get("name").asText()).contains("added in version 2"))
                .allSatisfy(vertex -> assertThat(vertex.get("parallelism").asInt()).isEqualTo(2));
    }

    private static ExpectedAlert only(List<ExpectedAlert> truth, Stage stage) {
        List<ExpectedAlert> alerts = truth.stream().filter(alert -> alert.stage() == stage).toList();
        assertThat(alerts).as(stage + " alerts in the ground truth").hasSize(1);
        return alerts.get(0);
    }

    private static String id(ExpectedAlert alert) {
        return alert.alertId();
    }

    private static int indexOf(List<Produced> events, String eventId) {
        for (int i = 0; i < events.size(); i++) {
            if (new String(events.get(i).json(), StandardCharsets.UTF_8).contains("\"" + eventId + "\"")) {
                return i;
            }
        }
        throw new AssertionError("no event " + eventId);
    }

    private static void produce(FaultRun run, List<Produced> events) {
        try (FaultRun.Producer producer = run.new Producer()) {
            events.forEach(event -> producer.send(event.topic(), event.key(), event.json()));
        }
    }
}
