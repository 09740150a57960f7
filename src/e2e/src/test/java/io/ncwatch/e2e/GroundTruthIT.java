package io.ncwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.alert.AlertId;
import io.ncwatch.generate.ExpectedAlert;
import io.ncwatch.generate.ExpectedSequence;
import io.ncwatch.generate.ExpectedSequence.Behaviour;
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
import io.ncwatch.rules.Rule;
import io.ncwatch.rules.RuleFiles;
import io.ncwatch.testing.ElasticsearchServer;
import io.ncwatch.testing.KafkaServer;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
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
 * run over the same topics adds none; with sequence rules for the generator's sequence scenarios, their
 * alerts are exactly its sequence ground truth.
 */
class GroundTruthIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Data streams of this test class's own: the test Elasticsearch lives as long as the test JVM. */
    private static final String NAMESPACE = "truthit" + Long.toString(System.currentTimeMillis(), 36);
    private static final String ALERTS_INDEX = "logs-ncwatch.alerts-" + NAMESPACE;
    /** The sequence test's own data streams, so that each test counts only its alerts. */
    private static final String SEQUENCE_NAMESPACE = NAMESPACE + "seq";
    private static final Set<String> NETCAT = Set.of("nc", "ncat", "netcat", "netcat.openbsd", "netcat.traditional");
    private static final Set<String> SHELLS = Set.of("sh", "bash");

    /** Every scenario that raises alerts, a reverse shell that must raise none, and ordinary traffic around them. */
    private static final FleetOptions FLEET = FleetOptions.builder().seed(2026).containers(200).events(30_000)
            .scenarios(Scenario.BIND_SHELL, Scenario.LISTENER_ONLY, Scenario.LISTENER_SHELL_NO_NETWORK, Scenario.BUSYBOX,
                    Scenario.WRAPPER, Scenario.OUT_OF_ORDER, Scenario.REVERSE_SHELL)
            .build();

    /** Every sequence scenario and its near misses, a bind shell, and ordinary traffic around them. */
    private static final FleetOptions SEQUENCE_FLEET = FleetOptions.builder().seed(2027).containers(40).events(8_000)
            .scenarios(Scenario.INGRESS_TRANSFER, Scenario.INGRESS_TRANSFER_SLOW, Scenario.INGRESS_TRANSFER_KEPT,
                    Scenario.FILE_EXEC, Scenario.FILE_EXEC_SLOW, Scenario.FILE_EXEC_OTHER_USER, Scenario.TOKEN_API,
                    Scenario.TOKEN_API_SLOW, Scenario.TOKEN_API_OTHER_POD, Scenario.BIND_SHELL)
            .build();

    /** The test's sequence rule of each behaviour, {@code <behaviour>.toml}, in Elastic's rule format (text of our own). */
    private static final Path SEQUENCE_RULE_FOLDER = resource("sequence-rules");
    private static final Map<Behaviour, Rule> SEQUENCE_RULES = sequenceRules();

    private final KafkaServer kafka = KafkaServer.shared();
    private final ElasticsearchServer es = ElasticsearchServer.shared();
    private final Map<String, JsonNode> eventsById = new HashMap<>();

    @Test
    void alertsInElasticsearchAreExactlyTheGroundTruthOnceAcrossTwoRuns() throws Exception {
        String prefix = "truthit-" + System.nanoTime();
        Map<String, String> settings = BoundedRunSettings.of(prefix, NAMESPACE, kafka, es);
        GenerationResult generated = generate(FLEET, settings);
        Map<String, ExpectedAlert> expected = byAlertId(generated);
        assertThat(generated.truth()).extracting(ExpectedAlert::stage)
                .contains(Stage.RULE, Stage.CONNECTION, Stage.SHELL);
        assertThat(processEvents(event -> isNetcat(event) && args(event).contains("-z")))
                .as("harmless netcat probes among the traffic").isNotEmpty();
        List<JsonNode> reverseShell = reverseShellEvents();
        assertThat(reverseShell).as("the reverse shell's netcat and its shell").hasSizeGreaterThanOrEqualTo(2);

        JobConfig config = JobConfig.load(NcwatchJob.DEFAULT_JOB, settings);
        NcwatchJob.runJob(config);

        Map<String, JsonNode> alerts = es.documents(ALERTS_INDEX);
        assertThat(alerts.keySet()).as(() -> "missing: " + missing(describe(expected), alerts.keySet()))
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
        assertNoDeadLetters(NAMESPACE);

        NcwatchJob.runJob(config);

        assertThat(es.count(ALERTS_INDEX)).as("after the second run").isEqualTo(expected.size());
    }

    /**
     * The job with the seed rule and a sequence rule per sequence behaviour, reading the audit topic too:
     * its sequence alerts are the sequence ground truth (the near misses raise none), each once, with the
     * truth's join keys and members in order; its other alerts are the seed rule's ground truth.
     */
    @Test
    void sequenceAlertsInElasticsearchAreExactlyTheSequenceGroundTruthOnce() throws Exception {
        String prefix = "seqtruthit-" + System.nanoTime();
        Map<String, String> settings = BoundedRunSettings.of(prefix, SEQUENCE_NAMESPACE, kafka, es);
        settings.put("kafka.topics.audit", prefix + ".audit-events");
        settings.put("rules", "rule.toml;" + SEQUENCE_RULE_FOLDER);
        GenerationResult generated = generate(SEQUENCE_FLEET, settings);
        assertThat(generated.sequences()).extracting(ExpectedSequence::behaviour)
                .as("every behaviour played").containsAll(SEQUENCE_RULES.keySet());
        Map<String, ExpectedSequence> expected = new HashMap<>();
        generated.sequences().forEach(sequence -> expected.put(alertId(sequence), sequence));
        Map<String, String> expectedAlerts = describe(byAlertId(generated));
        expected.forEach((id, sequence) -> expectedAlerts.put(id, sequence.toString()));

        NcwatchJob.runJob(JobConfig.load(NcwatchJob.DEFAULT_JOB, settings));

        String index = "logs-ncwatch.alerts-" + SEQUENCE_NAMESPACE;
        Map<String, JsonNode> alerts = es.documents(index);
        assertThat(alerts.keySet()).as(() -> "missing: " + missing(expectedAlerts, alerts.keySet()))
                .containsExactlyInAnyOrderElementsOf(expectedAlerts.keySet());
        assertThat(es.count(index)).as("one document per alert").isEqualTo(expectedAlerts.size());
        expected.forEach((id, truth) -> {
            JsonNode alert = alerts.get(id);
            assertThat(alert.at("/rule/id").asText()).as(truth.toString()).isEqualTo(SEQUENCE_RULES.get(truth.behaviour()).ruleId());
            assertThat(texts(alert.at("/ncwatch/sequence/join_keys"))).as(truth + ": join keys").isEqualTo(truth.joinKeys());
            List<String> members = new ArrayList<>();
            alert.at("/ncwatch/sequence/events").forEach(member -> members.add(member.get("event_id").asText()));
            assertThat(members).as(truth + ": members in order").isEqualTo(truth.eventIds());
        });
        assertNoDeadLetters(SEQUENCE_NAMESPACE);
    }

    /** The id the job gives the alert of an expected sequence: its rule's, over its members' event ids. */
    private static String alertId(ExpectedSequence sequence) {
        return AlertId.ofSequence(SEQUENCE_RULES.get(sequence.behaviour()).ruleId(), sequence.eventIds().stream()
                .map(eventId -> AlertId.sourceEventIdentity(eventId, null, 0, 0)).toList());
    }

    private static Map<Behaviour, Rule> sequenceRules() {
        Map<Behaviour, Rule> rules = new EnumMap<>(Behaviour.class);
        for (Behaviour behaviour : Behaviour.values()) {
            rules.put(behaviour, RuleFiles.load(SEQUENCE_RULE_FOLDER.resolve(behaviour.jsonName() + ".toml")).rules().get(0));
        }
        return rules;
    }

    private static Path resource(String name) {
        try {
            return Path.of(GroundTruthIT.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertNoDeadLetters(String namespace) {
        // A pattern, because the data stream exists only once it holds a dead letter.
        assertThat(es.count("logs-ncwatch.deadletter-" + namespace + "*")).as("dead letters: no event was late or malformed").isZero();
    }

    private static Map<String, ExpectedAlert> byAlertId(GenerationResult generated) {
        return generated.truth().stream().collect(Collectors.toMap(ExpectedAlert::alertId, alert -> alert));
    }

    /** The expected alerts by id, each as its stage and source event. */
    private static Map<String, String> describe(Map<String, ExpectedAlert> expected) {
        Map<String, String> described = new HashMap<>();
        expected.forEach((id, alert) -> described.put(id, alert.stage().jsonName() + " of event " + alert.sourceEventId()));
        return described;
    }

    /** What is described in EXPECTED but not among IDS. */
    private static List<String> missing(Map<String, String> expected, Set<String> ids) {
        return expected.entrySet().stream().filter(entry -> !ids.contains(entry.getKey())).map(Map.Entry::getValue).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    /**
     * Sends the fleet's traffic to the topics the job {@code settings} read (audit events only when they name
     * an audit topic), keyed by container (audit events by pod), and keeps each event by its id.
     */
    private GenerationResult generate(FleetOptions fleet, Map<String, String> settings) throws Exception {
        try (KafkaEventSink sink = new KafkaEventSink(kafka.clientProperties(), settings.get("kafka.topics.process"),
                settings.get("kafka.topics.network"), settings.get("kafka.topics.audit"))) {
            return new FleetGenerator(fleet).generate((kind, containerId, json) -> {
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
        return texts(event.at("/process/args"));
    }
}
