package io.ncwatch.e2e;

import static io.ncwatch.testing.EcsJson.accepted;
import static io.ncwatch.testing.EcsJson.end;
import static io.ncwatch.testing.EcsJson.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.ncwatch.alert.AlertId;
import io.ncwatch.decode.RawEvents;
import io.ncwatch.generate.ExpectedAlert;
import io.ncwatch.generate.FleetGenerator;
import io.ncwatch.generate.FleetOptions;
import io.ncwatch.generate.GenerationResult;
import io.ncwatch.generate.GroundTruthAlerts;
import io.ncwatch.generate.Scenario;
import io.ncwatch.harness.MiniClusters;
import io.ncwatch.job.JobRun;
import io.ncwatch.record.DeadLetter;
import io.ncwatch.record.RawEvent;
import io.ncwatch.record.Stage;
import io.ncwatch.testing.EcsJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job in a MiniCluster: every correlation path, over the generator's scenarios and hand-made edge cases. */
class CorrelationJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final String RULE = "a52a9439-d52c-401c-be37-2785235c6547";

    @Test
    void theGeneratorsScenariosRaiseExactlyItsGroundTruth() throws Exception {
        List<RawEvent> records = new ArrayList<>();
        GenerationResult generated = new FleetGenerator(FleetOptions.builder().seed(11).containers(8).events(3_000)
                .scenarios(Scenario.BIND_SHELL, Scenario.LISTENER_ONLY, Scenario.LISTENER_SHELL_NO_NETWORK,
                        Scenario.BUSYBOX, Scenario.WRAPPER, Scenario.OUT_OF_ORDER, Scenario.REVERSE_SHELL)
                .build())
                .generate((kind, container, json) -> records.add(RawEvents.of(json, kind.defaultTopic(), 0, records.size())));
        assertThat(generated.truth()).extracting(ExpectedAlert::stage)
                .contains(Stage.CONNECTION, Stage.SHELL);

        JobRun.Output output = JobRun.run(records, 0);

        assertThat(output.alerts()).containsOnlyKeys(expectedIds(generated.truth()).keySet());
        expectedIds(generated.truth()).forEach((id, expected) -> GroundTruthAlerts.assertMatches(output.alerts().get(id), expected));
        assertThat(output.deadLetters()).isEmpty();
    }

    @Test
    void eventsFarBehindTheWatermarkAreNotCorrelatedButSetAsideAndCounted() throws Exception {
        List<RawEvent> records = new ArrayList<>();
        GenerationResult generated = new FleetGenerator(FleetOptions.builder().seed(5).containers(6).events(1_500)
                .scenarios(Scenario.LATE).build())
                .generate((kind, container, json) -> records.add(RawEvents.of(json, kind.defaultTopic(), 0, records.size())));
        assertThat(generated.lateEvents()).isPositive();

        // Two minutes of event time pass in about two seconds: the periodic watermark passes the late events first.
        JobRun.Output output = JobRun.run(records, 250);

        assertThat(output.alerts()).containsOnlyKeys(expectedIds(generated.truth()).keySet());
        ExpectedAlert listener = generated.truth().get(0);
        assertThat(output.deadLetters())
                .extracting(letter -> letter.stage, letter -> letter.reason)
                .containsOnly(tuple(DeadLetter.STAGE_CORRELATION, DeadLetter.LATE));
        List<String> late = output.deadLetters().stream()
                .map(letter -> new String(records.get((int) letter.offset).json, StandardCharsets.UTF_8))
                .toList();
        assertThat(late).as("the bind shell's connection and shell, both in the listener's container").hasSize(2)
                .allSatisfy(json -> assertThat(json).contains(listener.containerId()))
                .anySatisfy(json -> assertThat(json).contains("\"connection_accepted\""))
                .anySatisfy(json -> assertThat(json).containsPattern("\"name\":\"(sh|bash)\""));
    }

    @Test
    void edgeCasesCorrelateToTheRightListener() throws Exception {
        List<String[]> events = new ArrayList<>();
        // Two listeners in one container; each connection and the shell belong to one of them.
        add(events, 0, exec("two-bash", 0, "two", 10, 1, "containerd-shim", "bash"));
        add(events, 1, exec("two-nc", 10, "two", 20, 10, "bash", "nc", "-l", "-p", "4444"));
        add(events, 2, exec("two-ncat", 12, "two", 30, 10, "bash", "ncat", "--listen", "5555", "--sh-exec", "/bin/sh"));
        add(events, 3, accepted("two-conn-5555", 40, "two", 30L, "198.51.100.23", 40001, 5555));
        add(events, 4, accepted("two-conn-4444", 41, "two", 20L, "203.0.113.45", 51544, 4444));
        add(events, 5, exec("two-shell", 42, "two", 31, 30, "ncat", "/bin/sh", "-c", "/bin/sh"));
        add(events, 6, exec("two-inner-bash", 50, "two", 32, 31, "sh", "bash", "-i"));
        // A network producer that names no process: the local port decides.
        add(events, 7, exec("port-nc", 5, "port", 20, 10, "bash", "busybox", "nc", "-lp", "9001", "-e", "sh"));
        add(events, 8, accepted("port-conn", 30, "port", null, "203.0.113.77", 33333, 9001));
        add(events, 9, accepted("port-other", 31, "port", null, "203.0.113.77", 33334, 8080));
        // Traditional netcat's -e: the listener's own process becomes the shell; what it starts is no new shell.
        add(events, 10, exec("inplace-nc", 3, "inplace", 20, 10, "bash", "netcat.traditional", "-lvp", "1337", "-e", "/bin/sh"));
        add(events, 11, exec("inplace-shell", 20, "inplace", 20, 10, "bash", "/bin/sh"));
        add(events, 12, exec("inplace-child", 21, "inplace", 40, 20, "sh", "sh", "-c", "id"));
        // Too late for the window (10 minutes), and harmless netcat use.
        add(events, 13, exec("slow-nc", 0, "slow", 20, 10, "bash", "nc", "-lvnp", "4444"));
        add(events, 14, accepted("slow-conn", 601, "slow", 20L, "203.0.113.45", 51000, 4444));
        add(events, 15, exec("probe-nc", 2, "probe", 20, 10, "bash", "nc", "-z", "db", "5432"));
        add(events, 16, exec("probe-shell", 3, "probe", 21, 20, "nc", "sh"));
        add(events, 17, end("two-nc-end", 60, "two", 20, 10, "bash", "nc", "-l", "-p", "4444"));
        // Interleave the containers in time order, as a fleet's stream does.
        events.sort(Comparator.comparing((String[] e) -> EcsJson.at(Long.parseLong(e[0]))).thenComparing(e -> e[1]));
        List<RawEvent> records = new ArrayList<>();
        for (String[] event : events) {
            records.add(RawEvents.of(event[2].getBytes(StandardCharsets.UTF_8), "ncwatch.process-events", 0, records.size()));
        }

        Map<String, JsonNode> alerts = JobRun.run(records, 0).alerts();

        Map<String, String> base = new HashMap<>();
        for (String listener : List.of("two-nc", "two-ncat", "port-nc", "inplace-nc", "slow-nc")) {
            base.put(listener, id(listener, Stage.RULE));
        }
        assertThat(alerts).containsOnlyKeys(
                base.get("two-nc"), base.get("two-ncat"), base.get("port-nc"), base.get("inplace-nc"), base.get("slow-nc"),
                id("two-conn-5555", Stage.CONNECTION), id("two-conn-4444", Stage.CONNECTION), id("two-shell", Stage.SHELL),
                id("port-conn", Stage.CONNECTION), id("inplace-shell", Stage.SHELL));
        assertCorrelated(alerts.get(id("two-conn-5555", Stage.CONNECTION)), base.get("two-ncat"), 5555, "198.51.100.23");
        assertCorrelated(alerts.get(id("two-conn-4444", Stage.CONNECTION)), base.get("two-nc"), 4444, "203.0.113.45");
        assertCorrelated(alerts.get(id("two-shell", Stage.SHELL)), base.get("two-ncat"), 5555, null);
        assertCorrelated(alerts.get(id("port-conn", Stage.CONNECTION)), base.get("port-nc"), 9001, "203.0.113.77");
        assertCorrelated(alerts.get(id("inplace-shell", Stage.SHELL)), base.get("inplace-nc"), 1337, null);

        JsonNode connection = alerts.get(id("two-conn-4444", Stage.CONNECTION));
        assertThat(connection.at("/rule/name").asText()).isEqualTo("Netcat listener in container accepted a connection");
        assertThat(connection.at("/event/risk_score").asInt()).isEqualTo(90);
        assertThat(connection.at("/event/severity").asInt()).isEqualTo(99);
        assertThat(connection.at("/message").asText()).isEqualTo("Netcat listener in container accepted a connection"
                + " from 203.0.113.45:51544 on port 4444 in container two (two): nc -l -p 4444");
        assertThat(connection.at("/source/ip").asText()).isEqualTo("203.0.113.45");
        assertThat(connection.at("/container/image/name").isMissingNode() ? connection.at("/container/image.name").asText()
                : connection.at("/container/image/name").asText()).isEqualTo("registry.example/two");

        JsonNode shell = alerts.get(id("two-shell", Stage.SHELL));
        assertThat(shell.at("/rule/name").asText()).isEqualTo("Netcat bind shell served from container");
        assertThat(shell.at("/event/risk_score").asInt()).isEqualTo(99);
        assertThat(shell.at("/message").asText()).isEqualTo("Netcat bind shell served from container two (two):"
                + " /bin/sh -c /bin/sh, served by ncat --listen 5555 --sh-exec /bin/sh");
        assertThat(shell.at("/process/entity_id").asText()).isEqualTo("two/31");
        assertThat(shell.at("/ncwatch/correlation/shell/name").asText()).isEqualTo("sh");
        assertThat(shell.at("/ncwatch/ancestry/chain")).extracting(a -> a.get("name").asText(), a -> a.get("origin").asText())
                .as("up to the entry leader, which has its own field").containsExactly(tuple("ncat", "event"), tuple("bash", "table"));
        assertThat(shell.at("/ncwatch/ancestry/session_leader/entity_id").asText()).isEqualTo("two/10");
        assertThat(shell.at("/ncwatch/ancestry/entry_leader/name").asText()).isEqualTo("containerd-shim");
        for (JsonNode alert : alerts.values()) {
            assertThat(alert.at("/ncwatch/ancestry/chain").isArray()).as("every alert carries its ancestry").isTrue();
        }
    }

    private static void add(List<String[]> events, int order, String json) {
        events.add(new String[] {Long.toString(secondOf(json)), String.format("%03d", order), json});
    }

    private static long secondOf(String json) {
        String at = json.substring(json.indexOf("\"@timestamp\":\"") + 14, json.indexOf("\",\"event\""));
        return (java.time.Instant.parse(at).toEpochMilli() - EcsJson.T0.toEpochMilli()) / 1000;
    }

    private static String id(String eventId, Stage stage) {
        return AlertId.of(RULE, "event.id:" + eventId, stage);
    }

    private static Map<String, ExpectedAlert> expectedIds(List<ExpectedAlert> truth) {
        Map<String, ExpectedAlert> byId = new HashMap<>();
        for (ExpectedAlert alert : truth) {
            byId.put(alert.alertId(), alert);
        }
        return byId;
    }

    private static void assertCorrelated(JsonNode alert, String baseAlertId, Integer port, String peer) {
        JsonNode correlation = alert.at("/ncwatch/correlation");
        assertThat(correlation.get("base_alert_id").asText()).isEqualTo(baseAlertId);
        assertThat(correlation.get("listener_port").isNull() ? null : correlation.get("listener_port").asInt()).isEqualTo(port);
        assertThat(correlation.at("/peer/ip").isMissingNode() ? null : correlation.at("/peer/ip").asText()).isEqualTo(peer);
    }
}
