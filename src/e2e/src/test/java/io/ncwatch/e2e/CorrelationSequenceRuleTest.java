package io.ncwatch.e2e;

import static io.ncwatch.testing.EcsJson.accepted;
import static io.ncwatch.testing.EcsJson.exec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ncwatch.decode.RawEvents;
import io.ncwatch.generate.FleetGenerator;
import io.ncwatch.generate.FleetOptions;
import io.ncwatch.generate.GenerationResult;
import io.ncwatch.generate.Scenario;
import io.ncwatch.harness.MiniClusters;
import io.ncwatch.job.JobRun;
import io.ncwatch.record.RawEvent;
import io.ncwatch.record.Stage;
import io.ncwatch.rules.Rule;
import io.ncwatch.rules.RuleFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code jobs/netcat-listener/correlation.toml}, the correlation's listener -> connection stage as an EQL
 * sequence, and the Flink CEP correlation, in one job: they identify the same connections (container,
 * listener, connection event and time), except where docs/correlation.md says the sequence cannot.
 */
class CorrelationSequenceRuleTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final Rule SEQUENCE_RULE =
            RuleFiles.load(Path.of("jobs/netcat-listener/correlation.toml")).rules().get(0);

    /** What an analyst reads off a connection alert, whichever way it was raised. */
    record Connection(String containerId, String listenerEventId, String listenerEntityId, String connectionEventId,
            String timestamp) {}

    @Test
    void onGeneratedAttacksTheSequenceRuleRaisesTheConnectionsTheCorrelationRaises() throws Exception {
        List<RawEvent> records = new ArrayList<>();
        GenerationResult generated = new FleetGenerator(FleetOptions.builder().seed(31).containers(12).events(4_000)
                .scenarios(Scenario.BIND_SHELL, Scenario.BUSYBOX, Scenario.OUT_OF_ORDER, Scenario.LISTENER_ONLY,
                        Scenario.LISTENER_SHELL_NO_NETWORK, Scenario.WRAPPER, Scenario.REVERSE_SHELL)
                .build())
                .generate((kind, container, json) -> records.add(RawEvents.of(json, kind.defaultTopic(), 0, records.size())));
        long truthConnections = generated.truth().stream().filter(alert -> alert.stage() == Stage.CONNECTION).count();

        JobRun.Output output = run(records);

        List<Connection> correlated = correlatedConnections(output);
        assertThat(correlated).as("the correlation's connection alerts, one per connection of the ground truth")
                .hasSize((int) truthConnections).isNotEmpty();
        assertThat(sequenceConnections(output)).containsExactlyInAnyOrderElementsOf(correlated);
    }

    /**
     * The documented differences: a second connection to the same listener (the sequence completed with the
     * first), and a connection event that names no process (the correlation falls back on the listener's
     * port, which EQL cannot read from the arguments).
     */
    @Test
    void onlyTheCorrelationRaisesFurtherConnectionsAndThoseKnownByPortAlone() throws Exception {
        List<String> events = List.of(
                exec("nc", 0, "c1", 20, 10, "bash", "nc", "-lvnp", "4444"),
                accepted("first", 5, "c1", 20L, "203.0.113.45", 51544, 4444),
                accepted("second", 9, "c1", 20L, "203.0.113.77", 51545, 4444),
                exec("busybox", 1, "c2", 30, 10, "bash", "busybox", "nc", "-lp", "9001", "-e", "sh"),
                accepted("by-port", 6, "c2", null, "198.51.100.23", 40001, 9001));
        List<RawEvent> records = new ArrayList<>();
        for (String json : events) {
            records.add(RawEvents.of(json.getBytes(StandardCharsets.UTF_8), "ncwatch.process-events", 0, records.size()));
        }

        JobRun.Output output = run(records);

        assertThat(correlatedConnections(output)).extracting(Connection::connectionEventId)
                .containsExactlyInAnyOrder("first", "second", "by-port");
        assertThat(sequenceConnections(output)).extracting(Connection::connectionEventId).containsExactly("first");
    }

    private static JobRun.Output run(List<RawEvent> records) throws Exception {
        List<Rule> rules = new ArrayList<>(JobRun.seedRule());
        rules.add(SEQUENCE_RULE);
        return JobRun.run(rules, records, 0);
    }

    private static List<Connection> correlatedConnections(JobRun.Output output) {
        return output.alerts().values().stream()
                .filter(alert -> alert.at("/ncwatch/stage").asText().equals(Stage.CONNECTION.jsonName()))
                .map(alert -> new Connection(alert.at("/container/id").asText(),
                        alert.at("/ncwatch/correlation/listener/event_id").asText(),
                        alert.at("/ncwatch/correlation/listener/entity_id").asText(),
                        alert.at("/ncwatch/source_event/id").asText(),
                        alert.at("/@timestamp").asText()))
                .toList();
    }

    private static List<Connection> sequenceConnections(JobRun.Output output) {
        return output.alerts().values().stream()
                .filter(alert -> alert.at("/rule/id").asText().equals(SEQUENCE_RULE.ruleId()))
                .map(alert -> {
                    JsonNode sequence = alert.at("/ncwatch/sequence");
                    return new Connection(sequence.at("/join_keys/0").asText(),
                            sequence.at("/events/0/event_id").asText(),
                            sequence.at("/join_keys/1").asText(),
                            sequence.at("/events/1/event_id").asText(),
                            sequence.at("/events/1/@timestamp").asText());
                })
                .toList();
    }
}
