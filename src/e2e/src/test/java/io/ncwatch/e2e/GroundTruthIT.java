package io.ncwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.generate.ExpectedAlert;
import io.ncwatch.generate.FleetGenerator;
import io.ncwatch.generate.FleetOptions;
import io.ncwatch.generate.GenerationResult;
import io.ncwatch.generate.GroundTruthAlerts;
import io.ncwatch.generate.KafkaEventSink;
import io.ncwatch.generate.Scenario;
import io.ncwatch.harness.MiniClusters;
import io.ncwatch.job.BoundedRunSettings;
import io.ncwatch.job.JobConfig;
import io.ncwatch.job.NcwatchJob;
import io.ncwatch.record.Stage;
import io.ncwatch.testing.ElasticsearchServer;
import io.ncwatch.testing.KafkaServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Generated fleet traffic, sent to the real Kafka, through the job bounded, into the real
 * Elasticsearch: the alerts there are exactly the generator's ground truth, each once, and a second
 * run over the same topics adds none.
 */
class GroundTruthIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Data streams of this test class's own: the test Elasticsearch lives as long as the test JVM. */
    private static final String NAMESPACE = "truthit" + Long.toString(System.currentTimeMillis(), 36);
    private static final String ALERTS_INDEX = "logs-ncwatch.alerts-" + NAMESPACE;
    private static final Set<String> NETCAT = Set.of("nc", "ncat", "netcat", "netcat.openbsd", "netcat.traditional");
    private static final Set<String> SHELLS = Set.of("sh", "bash");

    /** Every scenario that raises alerts, a reverse shell that must raise none, and ordinary traffic around them. */
    private static final FleetOptions FLEET = FleetOptions.builder().seed(2026).containers(200).events(30_000)
            .scenarios(Scenario.BIND_SHELL, Scenario.LISTENER_ONLY, Scenario.LISTENER_SHELL_NO_NETWORK, Scenario.BUSYBOX,
                    Scenario.WRAPPER, Scenario.OUT_OF_ORDER, Scenario.REVERSE_SHELL)
            .build();

    private final KafkaServer kafka = KafkaServer.shared();
    private final ElasticsearchServer es = ElasticsearchServer.shared();
    private final Map<String, JsonNode> eventsById = new HashMap<>();

    @Test
    void alertsInElasticsearchAreExactlyTheGroundTruthOnceAcrossTwoRuns() throws Exception {
        String prefix = "truthit-" + System.nanoTime();
        GenerationResult generated = generate(prefix + ".process-events", prefix + ".network-events");
        Map<String, ExpectedAlert> expected = generated.truth().stream()
                .collect(Collectors.toMap(ExpectedAlert::alertId, alert -> alert));
        assertThat(generated.truth()).extracting(ExpectedAlert::stage)
                .contains(Stage.RULE, Stage.CONNECTION, Stage.SHELL);
        assertThat(processEvents(event -> isNetcat(event) && args(event).contains("-z")))
                .as("harmless netcat probes among the traffic").isNotEmpty();
        List<JsonNode> reverseShell = reverseShellEvents();
        assertThat(reverseShell).as("the reverse shell's netcat and its shell").hasSizeGreaterThanOrEqualTo(2);

        JobConfig config = JobConfig.load(NcwatchJob.DEFAULT_JOB, BoundedRunSettings.of(prefix, NAMESPACE, kafka, es));
        NcwatchJob.runJob(config);

        Map<String, JsonNode> alerts = es.documents(ALERTS_INDEX);
        assertThat(alerts.keySet()).as(() -> "missing: " + describe(expected, alerts.keySet()))
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(es.count(ALERTS_INDEX)).as("one document per alert").isEqualTo(expected.size());
        expected.forEach((id, truth) -> {
            GroundTruthAlerts.assertMatches(alerts.get(id), truth);
            assertMatchesSourceEvent(alerts.get(id), truth, eventsById.get(truth.sourceEventId()));
        });
        Set<String> reverseShellIds = reverseShell.stream().map(event -> event.at("/event/id").asText()).collect(Collectors.toSet());
        assertThat(alerts.values()).extracting(alert -> alert.at("/ncwatch/source_event/id").asText())
                .as("the reverse shell raises nothing").doesNotContainAnyElementsOf(reverseShellIds);
        assertThat(kafka.readCommitted(prefix + ".alerts")).extracting(ConsumerRecord::key)
                .as("the alerts topic, read committed").containsExactlyInAnyOrderElementsOf(expected.keySet());
        // A pattern, because the data stream exists only once it holds a dead letter.
        assertThat(es.count("logs-ncwatch.deadletter-" + NAMESPACE + "*")).as("dead letters: no event was late or malformed").isZero();

        NcwatchJob.runJob(config);

        assertThat(es.count(ALERTS_INDEX)).as("after the second run").isEqualTo(expected.size());
    }

    /** The expected alerts that are not among IDS, as stage and source event. */
    private static List<String> describe(Map<String, ExpectedAlert> expected, Set<String> ids) {
        return expected.entrySet().stream()
                .filter(entry -> !ids.contains(entry.getKey()))
                .map(entry -> entry.getValue().stage().jsonName() + " of event " + entry.getValue().sourceEventId())
                .toList();
    }

    /** Sends the fleet's traffic to the two topics, keyed by container, and keeps each event by its id. */
    private GenerationResult generate(String processTopic, String networkTopic) throws Exception {
        try (KafkaEventSink sink = new KafkaEventSink(kafka.clientProperties(), processTopic, networkTopic)) {
            return new FleetGenerator(FLEET).generate((kind, containerId, json) -> {
                JsonNode event = JSON.readTree(json);
                eventsById.put(event.at("/event/id").asText(), event);
                sink.accept(kind, containerId, json);
            });
        }
    }

    /**
     * What the alert copies from the event that raised it: the listener's command (which names the
     * port, when the truth knows one), or the shell the listener served.
     */
    private static void assertMatchesSourceEvent(JsonNode alert, ExpectedAlert expected, JsonNode source) {
        String what = expected.stage().jsonName() + " alert of event " + expected.sourceEventId();
        assertThat(alert.at("/@timestamp").asText()).as(what).isEqualTo(source.at("/@timestamp").asText());
        switch (expected.stage()) {
            case RULE -> {
                assertThat(args(alert)).as(what + ": command").isEqualTo(args(source));
                if (expected.port() != null) {
                    assertThat(args(alert)).as(what + ": port").contains(expected.port().toString());
                }
            }
            case CONNECTION -> assertThat(alert.at("/destination/port").asInt()).as(what + ": local port")
                    .isEqualTo(source.at("/destination/port").asInt());
            case SHELL -> {
                assertThat(alert.at("/ncwatch/correlation/shell/name").asText()).as(what + ": shell")
                        .isEqualTo(source.at("/process/name").asText())
                        .isIn(SHELLS);
                assertThat(args(alert)).as(what + ": command").isEqualTo(args(source));
            }
        }
    }

    /** The netcat that connects out with {@code -e} (no listener option) and the processes it starts. */
    private List<JsonNode> reverseShellEvents() {
        List<JsonNode> netcats = processEvents(event -> isNetcat(event) && args(event).contains("-e")
                && args(event).stream().noneMatch(arg -> arg.startsWith("-l") || arg.startsWith("--listen") || arg.startsWith("-p")));
        Set<String> entityIds = netcats.stream().map(event -> event.at("/process/entity_id").asText()).collect(Collectors.toSet());
        List<JsonNode> events = new ArrayList<>(netcats);
        events.addAll(processEvents(event -> entityIds.contains(event.at("/process/parent/entity_id").asText())));
        return events;
    }

    private List<JsonNode> processEvents(Predicate<JsonNode> condition) {
        return eventsById.values().stream()
                .filter(event -> event.at("/event/category").toString().contains("process"))
                .filter(event -> event.at("/event/type").toString().contains("start"))
                .filter(condition)
                .toList();
    }

    private static boolean isNetcat(JsonNode event) {
        return NETCAT.contains(event.at("/process/name").asText());
    }

    private static List<String> args(JsonNode event) {
        List<String> args = new ArrayList<>();
        event.at("/process/args").forEach(arg -> args.add(arg.asText()));
        return args;
    }
}
