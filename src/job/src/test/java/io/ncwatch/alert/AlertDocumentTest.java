package io.ncwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ncwatch.record.Alert;
import io.ncwatch.record.Ancestor;
import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.Detection;
import io.ncwatch.record.Stage;
import io.ncwatch.rules.Rule;
import io.ncwatch.rules.RuleFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Rule SEED = RuleFiles.load(Path.of("jobs/netcat-listener/rule.toml")).rules().get(0);

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = AlertDocumentTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static ContainerEvent event(byte[] raw, String eventId) {
        ContainerEvent event = new ContainerEvent();
        event.timestamp = Instant.parse("2026-11-28T06:12:44.318Z").toEpochMilli();
        event.eventId = eventId;
        event.raw = raw;
        event.topic = "ncwatch.process-events";
        event.partition = 1;
        event.offset = 812;
        return event;
    }

    @Test
    void theAlertOfAListenerCarriesTheRuleTheThreatAndTheSourceEventsContext() throws IOException {
        ContainerEvent event = event(resource("listener-event.json"), "2f0d9a1c-7a53-4f0e-9b8e-5d1e0c6b2a11");
        event.ancestry = new Ancestor[] {
            new Ancestor(Ancestor.FROM_EVENT, "YjE2ZmQ0NzAtODM4", 48190L, "bash", new String[] {"bash"}),
            new Ancestor(Ancestor.UNKNOWN, "Q2xkYjAwMWUtZDc4", null, null, null)};
        event.sessionLeaderEntityId = "YjE2ZmQ0NzAtODM4";
        event.sessionLeaderPid = 48190L;
        event.sessionLeaderName = "bash";
        event.entryLeaderEntityId = "ZjkxYzJkMDgtYTFi";
        event.entryLeaderPid = 1L;
        event.entryLeaderName = "containerd-shim";

        Alert alert = new AlertDocument("netcat-listener", "default")
                .build(SEED, new Detection(SEED.ruleId(), Stage.RULE, event), Instant.parse("2026-11-28T06:12:45.500Z"));

        String expectedId = AlertId.of(SEED.ruleId(), "event.id:2f0d9a1c-7a53-4f0e-9b8e-5d1e0c6b2a11", Stage.RULE);
        assertThat(alert.id).isEqualTo(expectedId);
        ObjectNode expected = (ObjectNode) JSON.readTree(new String(resource("listener-alert.json"), StandardCharsets.UTF_8)
                .replace("ALERT_ID", expectedId));
        ((ObjectNode) expected.get("rule")).put("description", SEED.description().strip());
        assertThat(JSON.readTree(alert.json)).isEqualTo(expected);
    }

    @Test
    void fieldsSpelledDottedReadTheSameAndAnEventWithoutIdIsNamedByItsRecord() throws IOException {
        byte[] dotted = ("{\"@timestamp\":\"2026-11-28T06:12:44.318Z\",\"container.id\":\"c0ffee\","
                + "\"container.name\":\"web\",\"process.parent.name\":\"sh\",\"process.args\":[\"ncat\",\"-l\",\"80\"]}")
                .getBytes(StandardCharsets.UTF_8);

        Alert alert = new AlertDocument("netcat-listener", "prod")
                .build(SEED, new Detection(SEED.ruleId(), Stage.RULE, event(dotted, null)), Instant.EPOCH);

        JsonNode doc = JSON.readTree(alert.json);
        assertThat(alert.id).isEqualTo(AlertId.of(SEED.ruleId(), "record:ncwatch.process-events/1/812", Stage.RULE));
        assertThat(doc.get("message").asText()).isEqualTo(
                "Netcat Listener Established Inside A Container in container web (c0ffee) started by sh: ncat -l 80");
        assertThat(doc.get("container.id").asText()).isEqualTo("c0ffee");
        assertThat(doc.get("process.args")).hasSize(3);
        assertThat(doc.at("/ncwatch/source_event/id").isNull()).isTrue();
        assertThat(doc.at("/data_stream/namespace").asText()).isEqualTo("prod");
        assertThat(doc.has("related")).isFalse();
    }
}
