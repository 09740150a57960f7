package io.ncwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.job.HuntScope;
import io.ncwatch.job.JobConfig;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunCommandTest {
    @Test
    void saysWhatARunReadsAndWhereItsAlertsGo() {
        JobConfig config = JobConfig.of(Map.of("kafka.bootstrap-servers", "localhost:29092", "kafka.bounded", "true",
                "elasticsearch.url", "http://localhost:29200"));

        assertThat(RunCommand.describe(config)).isEqualTo("reading ncwatch.process-events and ncwatch.network-events"
                + " at localhost:29092 up to their current end;"
                + " alerts to logs-ncwatch.alerts-default at http://localhost:29200, Kafka topic ncwatch.alerts");
    }

    @Test
    void showsNoCredentialsOfTheUrl() {
        JobConfig config = JobConfig.of(Map.of("kafka.topics.network", "", "outputs.kafka", "false",
                "elasticsearch.url", "https://ncwatch:s3cret@es.example:9200", "elasticsearch.namespace", "prod"));

        assertThat(RunCommand.describe(config)).isEqualTo("reading ncwatch.process-events at localhost:9092 until stopped;"
                + " alerts to logs-ncwatch.alerts-prod at https://es.example:9200");
    }

    @Test
    void saysWhichIndexAndRangeARunOverElasticsearchReads() {
        JobConfig config = JobConfig.of(Map.of("outputs.kafka", "false", "elasticsearch.url", "http://localhost:29200"));
        HuntScope scope = new HuntScope("https://hunter:s3cret@es.example:9200", "logs-cloud_defend.process-*",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"), HuntScope.EVENT_ID, 8);

        assertThat(RunCommand.describe(config, scope)).isEqualTo("reading logs-cloud_defend.process-* at"
                + " https://es.example:9200 from 2026-01-01T00:00:00Z to 2026-04-01T00:00:00Z;"
                + " alerts to logs-ncwatch.alerts-default at http://localhost:29200");
    }

    @Test
    void aRangeWithoutFromEsOrFromEsWithoutARangeIsAUsageError() {
        assertThat(Main.run("run", "--index", "logs-*", "--from", "2026-01-01T00:00:00Z")).isEqualTo(2);
        assertThat(Main.run("run", "--from-es", "http://localhost:1", "--index", "logs-*")).isEqualTo(2);
    }
}
