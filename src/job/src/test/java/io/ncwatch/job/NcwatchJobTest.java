package io.ncwatch.job;

import static io.ncwatch.job.TestEvents.SEED_RULE_ID;
import static io.ncwatch.job.TestEvents.exec;
import static io.ncwatch.job.TestEvents.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.alert.AlertId;
import io.ncwatch.harness.MiniClusters;
import io.ncwatch.record.Alert;
import io.ncwatch.record.DeadLetter;
import io.ncwatch.record.RawEvent;
import io.ncwatch.record.Stage;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole dataflow in a MiniCluster, with in-memory input and collecting sinks. */
class NcwatchJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAYMENTS = "8c4b2f9e6a1d3c7b5e0f";
    private static final String REPORTS = "b7e2d4c6a8f0e1d3c5b7";

    @Test
    void listenersBecomeAlertsOnceEachAndBadInputBecomesDeadLetters() throws Exception {
        List<RawEvent> input = List.of(
                raw(exec("e1", "2026-11-28T06:12:44.318Z", PAYMENTS, "nc", "nc", "-lvnp", "4444"), 1),
                raw(exec("e2", "2026-11-28T06:12:45Z", PAYMENTS, "nc", "nc", "-z", "db", "5432"), 2),
                raw(exec("e3", "2026-11-28T07:30:00Z", REPORTS, "sleep", "sleep", "5"), 3),
                raw("{\"@timestamp\":", 4),
                // Two hours older than the newest event: late for event time, still judged by the rule.
                raw(exec("e5", "2026-11-28T05:30:00Z", REPORTS, "busybox", "busybox", "nc", "-l", "-p", "9001"), 5),
                raw(exec("e6", "2026-11-28T07:31:00Z", REPORTS, "ncat", "ncat", "--listen", "8080")
                        .replace("\"id\":\"e6\"", "\"outcome\":\"unknown\""), 6),
                raw("{\"event\":{\"id\":\"e7\"}}", 7));

        CollectingSinks sinks = new CollectingSinks();
        JobConfig config = JobConfig.of(Map.of("name", "netcat-listener", "checkpoints.interval", "1s"));
        StreamExecutionEnvironment env = NcwatchJob.environment(config, new Configuration());
        env.setParallelism(2);
        assertThat(env.getConfig().getSerializerConfig().hasGenericTypesDisabled()).as("no Kryo anywhere in the job").isTrue();
        NcwatchJob.defineWorkflow(config, TestEvents.seedRule(),
                env.fromData(TypeInformation.of(RawEvent.class), input.toArray(RawEvent[]::new))
                        .assignTimestampsAndWatermarks(NcwatchJob.eventTime(config.eventTime())), sinks);
        env.execute("test");

        Map<String, JsonNode> alerts = new TreeMap<>();
        for (Alert alert : sinks.alerts()) {
            alerts.put(alert.id, JSON.readTree(alert.json));
        }
        String e1 = AlertId.of(SEED_RULE_ID, "event.id:e1", Stage.RULE);
        String e5 = AlertId.of(SEED_RULE_ID, "event.id:e5", Stage.RULE);
        String e6 = AlertId.of(SEED_RULE_ID, "record:ncwatch.process-events/0/6", Stage.RULE);
        assertThat(alerts).containsOnlyKeys(e1, e5, e6);

        assertThat(alerts.get(e1).get("message").asText()).isEqualTo("Netcat Listener Established Inside A Container"
                + " in container payments-api (8c4b2f9e6a1d) started by bash: nc -lvnp 4444");
        assertThat(alerts.get(e1).at("/@timestamp").asText()).isEqualTo("2026-11-28T06:12:44.318Z");
        assertThat(alerts.get(e5).at("/container/id").asText()).isEqualTo(REPORTS);
        assertThat(alerts.get(e5).at("/process/args").toString()).isEqualTo("[\"busybox\",\"nc\",\"-l\",\"-p\",\"9001\"]");
        for (JsonNode alert : alerts.values()) {
            assertThat(alert.at("/event/kind").asText()).isEqualTo("alert");
            assertThat(alert.at("/rule/id").asText()).isEqualTo(SEED_RULE_ID);
            assertThat(alert.at("/rule/ruleset").asText()).isEqualTo("netcat-listener");
            assertThat(alert.at("/ncwatch/stage").asText()).isEqualTo("rule");
            assertThat(alert.at("/event/id").asText()).isIn(alerts.keySet());
        }
        assertThat(alerts.values()).extracting(
                        a -> a.at("/ncwatch/source_event/id").isNull() ? null : a.at("/ncwatch/source_event/id").asText(),
                        a -> a.at("/ncwatch/source_event/offset").asLong())
                .containsExactlyInAnyOrder(tuple("e1", 1L), tuple("e5", 5L), tuple(null, 6L));

        // e5 may also come back as LATE from the correlation, depending on when the watermark passed it.
        assertThat(sinks.deadLetters())
                .filteredOn(letter -> letter.stage.equals(DeadLetter.STAGE_DECODE))
                .extracting(l -> l.reason, l -> l.offset)
                .containsExactlyInAnyOrder(tuple("NOT_JSON", 4L), tuple("MISSING_TIMESTAMP", 7L));
    }

}
