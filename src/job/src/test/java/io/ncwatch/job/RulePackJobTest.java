package io.ncwatch.job;

import static io.ncwatch.rules.TestRules.entry;
import static io.ncwatch.rules.TestRules.excepting;
import static io.ncwatch.rules.TestRules.item;
import static io.ncwatch.rules.TestRules.limited;
import static io.ncwatch.rules.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ncwatch.record.RawEvent;
import io.ncwatch.rules.ExceptionEntry;
import io.ncwatch.rules.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A rule pack's per-rule settings through the whole job: exceptions drop alerts, max_signals holds them back. */
class RulePackJobTest {
    private static final long T0 = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();

    private static RawEvent exec(int n, long at, String container, String name, String... args) {
        String json = TestEvents.exec("e" + n, Instant.ofEpochMilli(T0 + at).toString(), container, name, args);
        return TestEvents.raw(json, n);
    }

    @Test
    void exceptionsDropTheirAlertsAndMaxSignalsCapsEachWindow() throws Exception {
        Rule socat = excepting(rule("socat", "process where process.name == \"socat\""),
                item(entry("process.args", ExceptionEntry.Type.MATCH, "health-check")));
        Rule curl = limited(rule("curl", "process where process.name == \"curl\""), 2, Duration.ofMinutes(1));
        List<RawEvent> records = new ArrayList<>();
        records.add(exec(0, 1_000, "c1", "socat", "socat", "TCP-LISTEN:80"));
        records.add(exec(1, 2_000, "c1", "socat", "socat", "health-check"));
        for (int i = 0; i < 5; i++) {
            records.add(exec(2 + i, 10_000 + i * 1_000, "c" + i, "curl", "curl", "http://x"));
        }
        records.add(exec(7, 61_000, "c1", "curl", "curl", "http://next-minute"));
        records.add(exec(8, 200_000, "c1", "sleep", "sleep", "1"));

        JobRun.Output output = JobRun.run(Map.of("alerts.max-signals", "true"), List.of(socat, curl), records, 0);

        List<String> alerted = output.alerts().values().stream()
                .map(alert -> alert.path("rule").path("id").asText() + " " + alert.path("ncwatch").path("source_event").path("id").asText())
                .sorted().toList();
        assertThat(alerted).filteredOn(alert -> alert.startsWith("socat")).containsExactly("socat e0");
        assertThat(alerted).filteredOn(alert -> alert.startsWith("curl")).hasSize(3).contains("curl e7");
        assertThat(output.alerts().values()).extracting(JsonNode::toString).noneMatch(json -> json.contains("health-check"));
    }
}
