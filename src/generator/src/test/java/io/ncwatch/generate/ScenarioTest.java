package io.ncwatch.generate;

import static io.ncwatch.record.Stage.CONNECTION;
import static io.ncwatch.record.Stage.RULE;
import static io.ncwatch.record.Stage.SHELL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ncwatch.record.Stage;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each attack scenario, played once in a small fleet: its events and the alerts the ground truth expects. */
class ScenarioTest {
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh", "ksh", "busybox");

    @ParameterizedTest
    @MethodSource("io.ncwatch.generate.Scenario#netcatScenarios")
    void everyExpectedAlertPointsAtTheEventThatRaisesIt(Scenario scenario) {
        GeneratedTraffic traffic = play(scenario, true);

        for (ExpectedAlert alert : traffic.result.truth()) {
            assertThat(alert.ruleId()).isEqualTo(ExpectedAlert.SEED_RULE_ID);
            GeneratedTraffic.Event source = traffic.event(alert.sourceEventId());
            GeneratedTraffic.Event listener = traffic.event(alert.listenerEventId());
            assertThat(source).as("source of %s", alert).isNotNull();
            assertThat(listener).as("listener of %s", alert).isNotNull();
            assertThat(source.containerId()).isEqualTo(alert.containerId());
            assertThat(listener.containerId()).isEqualTo(alert.containerId());
            assertThat(listener.action()).isIn("exec", "fork");
            assertThat(listener.json().path("process").path("args").toString()).contains("\"" + alert.port() + "\"");
            String listenerEntity = listener.json().path("process").path("entity_id").asText();
            JsonNode process = source.json().path("process");
            switch (alert.stage()) {
                case RULE -> assertThat(alert.sourceEventId()).isEqualTo(alert.listenerEventId());
                case CONNECTION -> {
                    assertThat(source.action()).isEqualTo("connection_accepted");
                    assertThat(process.path("entity_id").asText()).isEqualTo(listenerEntity);
                    assertThat(source.json().path("destination").path("port").asInt()).isEqualTo(alert.port());
                    assertThat(alert.peer()).isEqualTo(new ExpectedAlert.Peer(
                            source.json().path("source").path("ip").asText(),
                            source.json().path("source").path("port").asInt()));
                }
                case SHELL -> {
                    assertThat(source.action()).isEqualTo("exec");
                    assertThat(process.path("parent").path("entity_id").asText()).isEqualTo(listenerEntity);
                    assertThat(process.path("name").asText()).isIn(SHELLS);
                }
            }
        }
    }

    @Test
    void aBindShellRaisesTheRuleThenItsConnectionThenItsShell() {
        GeneratedTraffic traffic = play(Scenario.BIND_SHELL, true);

        assertThat(stages(traffic)).containsExactly(RULE, CONNECTION, SHELL);
        ExpectedAlert connection = traffic.truth(CONNECTION).get(0);
        assertThat(connection.peer().ip()).matches("(203\\.0\\.113|198\\.51\\.100)\\.\\d+");
    }

    @Test
    void aBindShellWithoutNetworkDataRaisesTheRuleAndItsShell() {
        assertThat(stages(play(Scenario.BIND_SHELL, false))).containsExactly(RULE, SHELL);
    }

    @Test
    void aListenerNobodyConnectsToRaisesTheRuleAlone() {
        assertThat(stages(play(Scenario.LISTENER_ONLY, true))).containsExactly(RULE);
    }

    @Test
    void aListenerAndShellWithoutNetworkEventsRaiseTheRuleAndTheShell() {
        GeneratedTraffic traffic = play(Scenario.LISTENER_SHELL_NO_NETWORK, true);

        assertThat(stages(traffic)).containsExactly(RULE, SHELL);
        String listenerEntity = traffic.event(traffic.truth(RULE).get(0).sourceEventId())
                .json().path("process").path("entity_id").asText();
        assertThat(traffic.events).noneMatch(e -> e.kind() == EventKind.NETWORK
                && e.json().path("process").path("entity_id").asText().equals(listenerEntity));
    }

    @Test
    void aReverseShellIsNoListenerAndRaisesNothing() {
        GeneratedTraffic traffic = play(Scenario.REVERSE_SHELL, true);

        GeneratedTraffic.Event reverse = traffic.events.stream()
                .filter(e -> e.action().equals("exec")
                        && Set.of("nc", "ncat").contains(e.json().path("process").path("name").asText())
                        && e.json().path("process").path("args").toString().contains("\"-e\""))
                .findFirst()
                .orElseThrow();
        JsonNode entity = reverse.json().path("process").path("entity_id");
        assertThat(traffic.result.truth()).noneMatch(a -> a.containerId().equals(reverse.containerId()));
        assertThat(traffic.ofContainer(reverse.containerId()).stream()
                        .filter(e -> e.json().path("process").path("entity_id").equals(entity))
                        .map(GeneratedTraffic.Event::action))
                .contains("connection_attempted")
                .doesNotContain("connection_accepted");
    }

    @Test
    void busyboxNetcatMatchesThroughItsArguments() {
        GeneratedTraffic traffic = play(Scenario.BUSYBOX, true);

        assertThat(stages(traffic)).containsExactly(RULE, CONNECTION, SHELL);
        JsonNode listener = traffic.event(traffic.truth(RULE).get(0).sourceEventId()).json().path("process");
        assertThat(listener.path("name").asText()).isEqualTo("busybox");
        assertThat(listener.path("args").get(1).asText()).isEqualTo("nc");
    }

    @Test
    void aWrapperMatchesThenTheNetcatItRuns() {
        GeneratedTraffic traffic = play(Scenario.WRAPPER, true);

        List<ExpectedAlert> rules = attackLines(traffic);
        assertThat(rules).extracting(ExpectedAlert::stage).containsExactly(RULE, RULE);
        assertThat(rules).extracting(a -> traffic.event(a.sourceEventId()).json().path("process").path("name").asText())
                .containsExactly("timeout", "nc");
        assertThat(rules.get(0).port()).isEqualTo(rules.get(1).port());
    }

    @Test
    void outOfOrderEventsStillRaiseEveryStageAndStayWithinTheShuffleBound() {
        GeneratedTraffic traffic = play(Scenario.OUT_OF_ORDER, true);

        assertThat(stages(traffic)).containsExactlyInAnyOrder(RULE, CONNECTION, SHELL);
        List<GeneratedTraffic.Event> container = traffic.ofContainer(traffic.truth(RULE).get(0).containerId());
        long latestSeen = container.get(0).timestampMillis();
        boolean shuffled = false;
        for (GeneratedTraffic.Event e : container) {
            long t = e.timestampMillis();
            shuffled |= t < latestSeen;
            assertThat(latestSeen - t).isLessThanOrEqualTo(FleetGenerator.SHUFFLE_BOUND.toMillis());
            latestSeen = Math.max(latestSeen, t);
        }
        assertThat(shuffled).as("some events arrive after later ones").isTrue();
    }

    @Test
    void lateEventsRaiseNothingBeyondTheRule() {
        GeneratedTraffic traffic = play(Scenario.LATE, true);

        assertThat(stages(traffic)).containsExactly(RULE);
        assertThat(traffic.result.lateEvents()).isPositive();
        String container = traffic.truth(RULE).get(0).containerId();
        List<GeneratedTraffic.Event> late = traffic.ofContainer(container).stream()
                .filter(e -> ingestedMillis(e) - e.timestampMillis() >= FleetGenerator.LATENESS.toMillis())
                .toList();
        assertThat(late).hasSize((int) traffic.result.lateEvents());
        assertThat(late).anyMatch(e -> e.action().equals("connection_accepted"));
        for (GeneratedTraffic.Event e : late) {
            long deliveredAfterTime = traffic.events.subList(0, traffic.events.indexOf(e)).stream()
                    .mapToLong(GeneratedTraffic.Event::timestampMillis)
                    .max()
                    .orElseThrow();
            assertThat(deliveredAfterTime - e.timestampMillis())
                    .isGreaterThanOrEqualTo(FleetGenerator.LATENESS.toMillis() - 1_000);
        }
    }

    private static GeneratedTraffic play(Scenario scenario, boolean network) {
        return GeneratedTraffic.of(FleetOptions.builder()
                .seed(11).containers(30).events(4_000).rate(12).network(network).scenarios(scenario).build());
    }

    /** The scenario's lines: harmless {@code nc -p} source ports are 40000 and above, attack ports below. */
    private static List<ExpectedAlert> attackLines(GeneratedTraffic traffic) {
        return traffic.result.truth().stream()
                .filter(a -> a.port() != null && a.port() < Workloads.SOURCE_PORT_MIN)
                .toList();
    }

    private static List<Stage> stages(GeneratedTraffic traffic) {
        return attackLines(traffic).stream().map(ExpectedAlert::stage).toList();
    }

    private static long ingestedMillis(GeneratedTraffic.Event e) {
        return Instant.parse(e.json().path("event").path("ingested").asText()).toEpochMilli();
    }
}
