package io.ncwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.generate.ExpectedAlert;
import io.ncwatch.generate.GroundTruthAlerts;
import io.ncwatch.generate.TruthFile;
import io.ncwatch.job.NcwatchJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ncwatch generate} and {@code ncwatch run} as a user runs them over a fleet of 10,000 containers:
 * a process table too large for checkpoints in the JobManager's memory, which made such a run restart
 * forever and print alerts again. The run ends, with every alert of the ground truth exactly once.
 */
class LargeFleetRunIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A run that loops never ends: let it fail the test instead of the build's time limit. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aRunOverTenThousandContainersEndsWithExactlyTheGroundTruth(@TempDir Path job) throws IOException {
        Path samples = Files.createDirectories(job.resolve("samples"));
        for (String file : List.of("job.yaml", "rule.toml")) {
            Files.copy(NcwatchJob.DEFAULT_JOB.resolve(file), job.resolve(file));
        }
        Path truthFile = samples.resolve("fleet.truth.jsonl");
        assertThat(Main.run("generate", "--seed", "42", "--containers", "10000", "--attack-rate", "1/1000",
                "--events", "200000", "--out", samples.resolve("fleet.jsonl").toString(), "--truth", truthFile.toString()))
                .isZero();
        Path alertsFile = job.resolve("alerts.jsonl");

        assertThat(Main.run("run", "--job", job.toString(), "--output", alertsFile.toString())).isZero();

        List<JsonNode> alerts = new ArrayList<>();
        for (String line : Files.readAllLines(alertsFile)) {
            alerts.add(JSON.readTree(line));
        }
        Map<String, ExpectedAlert> truth = TruthFile.read(truthFile).stream()
                .collect(Collectors.toMap(ExpectedAlert::alertId, Function.identity()));
        assertThat(truth).as("the fleet has attacks of every stage").hasSizeGreaterThan(50);
        assertThat(alerts).extracting(alert -> alert.at("/event/id").asText())
                .as("each alert of the ground truth, once").containsExactlyInAnyOrderElementsOf(truth.keySet());
        alerts.forEach(alert -> GroundTruthAlerts.assertMatches(alert, truth.get(alert.at("/event/id").asText())));
    }
}
