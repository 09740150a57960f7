package io.ncwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.job.JobConfig;
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
}
