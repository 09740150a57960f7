package io.ncwatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ncwatch.alert.AlertDocument;
import io.ncwatch.harness.MiniClusters;
import io.ncwatch.job.JobConfig;
import io.ncwatch.job.TestEvents;
import io.ncwatch.record.RawEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert suppression through a crash: a rule suppressed by container, many matches per container in real
 * Kafka, an operator that fails mid-run after checkpoints, and afterwards in real Elasticsearch one alert
 * per container whose {@code kibana.alert.suppression.docs_count} counts every other match exactly.
 */
class SuppressionRecoveryIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final String RULE_ID = "5e7c0001-0000-4000-8000-00000000cafe";
    private static final int CONTAINERS = 3;
    private static final int MATCHES_PER_CONTAINER = 300;
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    @AfterAll
    static void deleteTheRunsOutputs() {
        FaultRun.deleteOutputs();
    }

    /** Slows the replay so that checkpoints (every 2 s) complete before the injected failure. */
    private static final class Throttle implements MapFunction<RawEvent, RawEvent> {
        @Override
        public RawEvent map(RawEvent event) throws InterruptedException {
            Thread.sleep(5);
            return event;
        }
    }

    @Test
    void aCrashMidRunDoublesNoAlertAndTheSuppressionCountsAreExact() throws Exception {
        Path rule = Files.writeString(dir.resolve("curl.toml"), """
                [rule]
                rule_id = "%s"
                name = "Curl In A Container"
                description = "curl runs in a container"
                severity = "low"
                risk_score = 21
                type = "eql"
                language = "eql"
                query = 'process where process.name == "curl"'
                max_signals = 10000   # suppressed alerts count toward it, as the hits of one Kibana run do

                [rule.alert_suppression]
                group_by = ["container.id"]
                duration = {value = 1, unit = "h"}
                missing_fields_strategy = "suppress"
                """.formatted(RULE_ID));
        FaultRun run = new FaultRun("suppress");
        int events = 0;
        try (FaultRun.Producer producer = run.new Producer()) {
            for (int i = 0; i < MATCHES_PER_CONTAINER; i++) {
                for (int c = 0; c < CONTAINERS; c++) {
                    String container = "container" + c;
                    for (String name : List.of("curl", "ls")) {
                        String json = TestEvents.exec(name + "-" + c + "-" + i, T0.plusMillis(i * 100L + c).toString(), container,
                                name, name);
                        producer.send(run.processTopic, container, json.getBytes(StandardCharsets.UTF_8));
                        events++;
                    }
                }
            }
        }
        String plan = run.name;
        InjectedFailures failures = InjectedFailures.at(plan, List.of((long) events * 2 / 3));
        Configuration flink = new Configuration();
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        JobConfig config = run.config(Map.of("rules", rule.toString(), "correlation.listener-rules", RULE_ID));

        FaultRun.start(config, flink, raw -> raw
                        .map(new Throttle(), TypeInformation.of(RawEvent.class)).name("throttle").uid("throttle")
                        .map(failures, TypeInformation.of(RawEvent.class)).name("injected failures").uid("injected-failures"))
                .getJobExecutionResult().get();

        assertThat(InjectedFailures.injected(plan)).as("failures injected").isEqualTo(1);
        Map<String, Long> copies = run.alertsInElasticsearch();
        assertThat(copies).as("one alert per container, none doubled").hasSize(CONTAINERS).allSatisfy((id, count) -> assertThat(count).isOne());
        Map<String, String> suppressionByContainer = new TreeMap<>();
        JsonNode hits = run.elasticsearch.request("POST", "/" + run.alertsIndex() + "/_search?size=100", "{}").at("/hits/hits");
        for (JsonNode hit : hits) {
            JsonNode suppression = hit.at("/_source/kibana/alert/suppression");
            suppressionByContainer.put(suppression.at("/terms/0/value").asText(), suppression.get("docs_count").asLong()
                    + " from " + suppression.get("start").asText() + " to " + suppression.get("end").asText());
        }
        List<String> expected = new ArrayList<>();
        for (int c = 0; c < CONTAINERS; c++) {
            long first = T0.toEpochMilli() + c;
            expected.add(MATCHES_PER_CONTAINER - 1 + " from " + AlertDocument.timestamp(first) + " to "
                    + AlertDocument.timestamp(first + (MATCHES_PER_CONTAINER - 1) * 100L));
        }
        assertThat(suppressionByContainer).containsOnlyKeys("container0", "container1", "container2");
        assertThat(new ArrayList<>(suppressionByContainer.values())).containsExactlyElementsOf(expected);
        assertThat(run.alertsInKafka()).as("the alerts topic carries the kept alerts, not the updates")
                .containsOnlyKeys(copies.keySet());
    }
}
