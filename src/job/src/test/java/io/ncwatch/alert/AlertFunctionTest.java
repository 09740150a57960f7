package io.ncwatch.alert;

import static io.ncwatch.job.TestEvents.exec;
import static io.ncwatch.rules.TestRules.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.harness.KeyedHarness;
import io.ncwatch.job.TestEvents;
import io.ncwatch.record.Alert;
import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.Detection;
import io.ncwatch.record.RuleUpdate;
import io.ncwatch.record.Stage;
import io.ncwatch.rules.LiveRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The alert stage of a job whose rules change: each alert describes its rule, whichever way the rule came. */
class AlertFunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOCAT = "socat-listener";

    private static KeyedBroadcastOperatorTestHarness<String, Detection, RuleUpdate, Alert> alerts() throws Exception {
        var harness = KeyedHarness.withRuleUpdates(
                new AlertFunction(new LiveRules(TestEvents.seedRule(), EqlOptions.ELASTICSEARCH), "netcat-listener", "default"),
                detection -> detection.ruleId, new HashMapStateBackend());
        harness.open();
        return harness;
    }

    private static Detection detection(String ruleId, String eventId) {
        ContainerEvent event = new ContainerEvent();
        event.eventId = eventId;
        event.timestamp = 1_795_846_364_000L;
        event.raw = exec(eventId, "2026-11-28T06:12:44Z", "8c4b2f9e6a1d3c7b5e0f", "socat", "socat", "TCP-LISTEN:4444")
                .getBytes(StandardCharsets.UTF_8);
        event.topic = "ncwatch.process-events";
        return new Detection(ruleId, Stage.RULE, event);
    }

    private static List<String> ruleNames(List<Alert> alerts) throws Exception {
        List<String> names = new ArrayList<>();
        for (Alert alert : alerts) {
            JsonNode document = JSON.readTree(alert.json);
            names.add(document.path("rule").path("name").asText());
        }
        return names;
    }

    @Test
    void aDetectionAheadOfItsRulesUpdateWaitsForItAndARemovedRulesDetectionStillGetsItsAlert() throws Exception {
        try (var alerts = alerts()) {
            alerts.processElement(detection(SOCAT, "e1"), 0);
            assertThat(KeyedHarness.take(alerts)).as("no alert before the rule is known").isEmpty();

            alerts.processBroadcastElement(new RuleUpdate(SOCAT, json(SOCAT, "process where process.name == \"socat\"")
                    .getBytes(StandardCharsets.UTF_8), "ncwatch.rules", 0, 0), 0);
            assertThat(ruleNames(KeyedHarness.take(alerts))).containsExactly("Rule " + SOCAT);

            alerts.processBroadcastElement(new RuleUpdate(SOCAT, null, "ncwatch.rules", 0, 1), 0);
            alerts.processElement(detection(SOCAT, "e2"), 0);
            assertThat(ruleNames(KeyedHarness.take(alerts))).as("the rule's last version describes a detection on its way")
                    .containsExactly("Rule " + SOCAT);
            assertThat(KeyedHarness.keyedStateEntries(alerts)).as("nothing waits").isZero();
        }
    }
}
