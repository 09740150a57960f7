package io.ncwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.generate.ExpectedAlert;
import io.ncwatch.generate.TruthFile;
import io.ncwatch.job.NcwatchJob;
import io.ncwatch.testing.ElasticsearchServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ncwatch run --from-es} as a user runs it: the flagship job over its sample fleet indexed into
 * the real Elasticsearch; its alerts go where the job's outputs say (here a file and the alerts data
 * stream), each alert of the sample's ground truth once.
 */
class RunFromElasticsearchIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLES = NcwatchJob.DEFAULT_JOB.resolve("samples");
    private static final String NAMESPACE = "runfromes" + Long.toString(System.currentTimeMillis(), 36);
    private static final String EVENTS_INDEX = "logs-cloud_defend.process-" + NAMESPACE;

    private final ElasticsearchServer es = ElasticsearchServer.shared();

    @Test
    void aRunOverAnIndexWritesTheGroundTruthToTheJobsOutputs(@TempDir Path out) throws IOException {
        es.createEventsIndex(EVENTS_INDEX);
        List<String> events = Files.readAllLines(SAMPLES.resolve("fleet.jsonl"));
        StringBuilder bulk = new StringBuilder();
        Instant last = Instant.MIN;
        for (String event : events) {
            Instant time = Instant.parse(JSON.readTree(event).get("@timestamp").asText());
            last = time.isAfter(last) ? time : last;
            bulk.append("{\"create\":{}}\n").append(event).append('\n');
        }
        assertThat(es.request("POST", "/" + EVENTS_INDEX + "/_bulk?refresh=true", bulk.toString()).get("errors").asBoolean())
                .as("bulk errors").isFalse();
        Path alertsFile = out.resolve("alerts.jsonl");

        int exit = Main.run("run", "--job", NcwatchJob.DEFAULT_JOB.toString(),
                "--from-es", es.url(), "--index", EVENTS_INDEX, "--from", "2020-01-01T00:00:00Z",
                "--to", last.plusMillis(1).toString(),
                "--es", es.url(), "--namespace", NAMESPACE, "--set", "outputs.kafka=false",
                "--output", alertsFile.toString());

        List<String> truth = TruthFile.read(SAMPLES.resolve("fleet.truth.jsonl")).stream()
                .map(ExpectedAlert::alertId).toList();
        assertThat(exit).isZero();
        List<String> written = new ArrayList<>();
        for (String line : Files.readAllLines(alertsFile)) {
            written.add(JSON.readTree(line).at("/event/id").asText());
        }
        assertThat(written).as("alerts in the file").containsExactlyInAnyOrderElementsOf(truth);
        es.refresh("logs-ncwatch.alerts-" + NAMESPACE);
        assertThat(es.documents("logs-ncwatch.alerts-" + NAMESPACE).keySet()).as("alerts in Elasticsearch").containsExactlyInAnyOrderElementsOf(truth);
    }
}
