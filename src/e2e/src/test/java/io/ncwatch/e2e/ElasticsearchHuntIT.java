package io.ncwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.generate.ExpectedAlert;
import io.ncwatch.generate.FleetGenerator;
import io.ncwatch.generate.FleetOptions;
import io.ncwatch.generate.GenerationResult;
import io.ncwatch.generate.Scenario;
import io.ncwatch.harness.MiniClusters;
import io.ncwatch.job.ElasticsearchHunt;
import io.ncwatch.job.HuntScope;
import io.ncwatch.job.JobConfig;
import io.ncwatch.job.JobRules;
import io.ncwatch.job.NcwatchJob;
import io.ncwatch.record.Stage;
import io.ncwatch.rules.Rule;
import io.ncwatch.testing.ElasticsearchServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Generated fleet traffic indexed into the real Elasticsearch as Defend for Containers writes it
 * ({@code logs-cloud_defend.process-*}, ECS keyword mapping), hunted by the job at parallelism 2: the
 * alerts are exactly the generator's ground truth, and a second hunt adds no document.
 */
class ElasticsearchHuntIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAMESPACE = "huntit" + Long.toString(System.currentTimeMillis(), 36);
    private static final String EVENTS_INDEX = "logs-cloud_defend.process-" + NAMESPACE;
    private static final String ALERTS_INDEX = "logs-ncwatch.alerts-" + NAMESPACE;
    private static final FleetOptions FLEET = FleetOptions.builder().seed(2027).containers(100).events(10_000)
            .scenarios(Scenario.BIND_SHELL, Scenario.LISTENER_ONLY, Scenario.WRAPPER, Scenario.REVERSE_SHELL)
            .build();

    private final ElasticsearchServer es = ElasticsearchServer.shared();
    private Instant first = Instant.MAX;
    private Instant last = Instant.MIN;

    @Test
    void aHuntRaisesExactlyTheGroundTruthAndASecondOneAddsNothing() throws Exception {
        GenerationResult generated = index();
        List<String> expected = generated.truth().stream().map(ExpectedAlert::alertId).toList();
        assertThat(generated.truth()).extracting(ExpectedAlert::stage).contains(Stage.RULE, Stage.CONNECTION, Stage.SHELL);
        JobConfig config = JobConfig.load(NcwatchJob.DEFAULT_JOB, Map.of(
                "elasticsearch.url", es.url(),
                "elasticsearch.namespace", NAMESPACE,
                "outputs.kafka", "false",
                "checkpoints.interval", "1s",
                "parallelism", "2"));
        List<Rule> rules = JobRules.load(config.ruleFiles(), EqlOptions.ELASTICSEARCH, notice -> { });
        HuntScope scope = new HuntScope("logs-cloud_defend.process-*", first, last.plusMillis(1), HuntScope.EVENT_ID, 8);

        assertThat(ElasticsearchHunt.count(config, rules, scope)).as("documents the hunt reads")
                .isEqualTo(es.count(EVENTS_INDEX));
        ElasticsearchHunt.run(config, rules, scope, new Configuration());

        assertThat(es.documents(ALERTS_INDEX).keySet()).containsExactlyInAnyOrderElementsOf(expected);

        ElasticsearchHunt.run(config, rules, scope, new Configuration());

        assertThat(es.count(ALERTS_INDEX)).as("after the second hunt").isEqualTo(expected.size());
    }

    /** Indexes the fleet's process and network events into one index of this test, with an ECS-ish mapping. */
    private GenerationResult index() throws Exception {
        es.request("PUT", "/" + EVENTS_INDEX, """
                {"settings": {"number_of_shards": 2, "number_of_replicas": 0},
                 "mappings": {"dynamic_templates": [{"strings": {"match_mapping_type": "string",
                     "mapping": {"type": "keyword", "ignore_above": 1024}}}],
                   "properties": {"@timestamp": {"type": "date"}}}}
                """);
        StringBuilder bulk = new StringBuilder();
        GenerationResult generated = new FleetGenerator(FLEET).generate((kind, containerId, json) -> {
            Instant time = Instant.parse(JSON.readTree(json).get("@timestamp").asText());
            first = time.isBefore(first) ? time : first;
            last = time.isAfter(last) ? time : last;
            bulk.append("{\"create\":{}}\n").append(new String(json, StandardCharsets.UTF_8)).append('\n');
            if (bulk.length() > 4 << 20) {
                send(bulk);
            }
        });
        send(bulk);
        es.refresh(EVENTS_INDEX);
        return generated;
    }

    private void send(StringBuilder bulk) {
        if (!bulk.isEmpty()) {
            assertThat(es.request("POST", "/" + EVENTS_INDEX + "/_bulk", bulk.toString()).get("errors").asBoolean())
                    .as("bulk errors").isFalse();
            bulk.setLength(0);
        }
    }
}
