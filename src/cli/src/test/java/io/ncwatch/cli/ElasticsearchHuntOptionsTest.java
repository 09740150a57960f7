package io.ncwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Mistakes in a hunt over Elasticsearch are told before any connection is made. */
class ElasticsearchHuntOptionsTest {
    private static final String ES = "http://localhost:1";

    private static HuntCommandTest.Result hunt(String... args) {
        return new HuntCommandTest.HuntRun(Duration.ofHours(1)).run("", args);
    }

    @Test
    void aHuntOverElasticsearchNeedsAnIndexAndAStart() {
        HuntCommandTest.Result result = hunt("--es", ES, "--rule", HuntCommandTest.SHIPPED_RULE.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr()).contains("--es needs --index PATTERN and --from TIME");
    }

    @Test
    void timesAreIso8601AndTheRangeRunsForward() {
        HuntCommandTest.Result notATime = hunt("--es", ES, "--index", "logs-*", "--from", "yesterday",
                "--query", "process where true");
        HuntCommandTest.Result backwards = hunt("--es", ES, "--index", "logs-*", "--from", "2026-02-01T00:00:00Z",
                "--to", "2026-01-01T00:00:00Z", "--query", "process where true");

        assertThat(notATime.exit()).isEqualTo(2);
        assertThat(notATime.stderr()).contains("ISO-8601", "yesterday");
        assertThat(backwards.exit()).isEqualTo(2);
        assertThat(backwards.stderr()).contains("--from must be before --to");
    }

    @Test
    void anUnreachableElasticsearchIsAFailureWithItsAddress() {
        HuntCommandTest.Result result = hunt("--es", ES, "--index", "logs-*", "--from", "2026-01-01T00:00:00Z",
                "--query", "process where process.name == \"nc\"");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.stderr()).contains("Elasticsearch at " + ES + " did not answer");
    }
}
