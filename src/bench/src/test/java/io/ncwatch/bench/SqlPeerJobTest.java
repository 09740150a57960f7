package io.ncwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.generate.ExpectedAlert;
import io.ncwatch.harness.MiniClusters;
import io.ncwatch.record.Stage;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Flink SQL peer does the work its row claims: the seed rule's verdicts and listener -> connection links. */
class SqlPeerJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @Test
    void raisesTheGroundTruthsRuleAlertsAndLinksConnections(@TempDir Path folder) throws Exception {
        Traffic traffic = Traffic.generate(50, 20_000, 1);
        Path file = folder.resolve("traffic.jsonl");
        traffic.write(file);
        Map<Stage, Long> truth = traffic.truth().truth().stream()
                .collect(java.util.stream.Collectors.groupingBy(ExpectedAlert::stage, java.util.stream.Collectors.counting()));
        Probe.reset();

        SqlPeerJob.define(StreamExecutionEnvironment.getExecutionEnvironment(), file).execute("sql peer");

        assertThat(Probe.EVENTS.sum()).isEqualTo(traffic.events());
        assertThat(Probe.ALERTS.sum()).as("rule alerts, and a connection alert for each accepted connection")
                .isEqualTo(truth.get(Stage.RULE) + truth.get(Stage.CONNECTION));
    }
}
