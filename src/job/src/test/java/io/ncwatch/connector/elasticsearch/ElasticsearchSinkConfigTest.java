package io.ncwatch.connector.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchSinkConfigTest {

    private static final String PASSWORD = "s3cr3t-Pa55word!";

    @TempDir
    Path dir;

    @Test
    void to_string_shows_where_secrets_are_but_never_their_values() throws IOException {
        Path passwordFile = Files.writeString(dir.resolve("password"), PASSWORD);
        ElasticsearchSinkConfig config = ElasticsearchSinkConfig.builder()
                .hosts("https://es1:9200", "https://es2:9200")
                .basicAuth("ncwatch_writer", Secret.fromFile(passwordFile))
                .caFingerprint("AB:CD:EF")
                .build();

        assertThat(config.password().read()).isEqualTo(PASSWORD);
        assertThat(config.toString())
                .contains("https://es1:9200", "ncwatch_writer", "file:" + passwordFile, "ca-fingerprint:AB:CD:EF")
                .doesNotContain(PASSWORD);
    }

    @Test
    void an_api_key_shows_as_its_variable_name() {
        ElasticsearchSinkConfig config = ElasticsearchSinkConfig.builder()
                .hosts("https://es:9200")
                .apiKey(Secret.fromEnv("NCWATCH_ES_API_KEY"))
                .build();

        assertThat(config.toString()).contains("apiKey(env:NCWATCH_ES_API_KEY)");
    }

    @Test
    void defaults_suit_alerts_and_the_config_travels_in_the_job_graph() throws Exception {
        ElasticsearchSinkConfig config = ElasticsearchSinkConfig.builder().hosts("http://localhost:9200").build();

        assertThat(config.deadLetterIndex()).isEqualTo("logs-ncwatch.deadletter-default");
        assertThat(config.installTemplates()).isTrue();
        assertThat(config.initialBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(InstantiationUtil.clone(config)).isEqualTo(config);
    }

    @Test
    void credentials_in_a_url_are_refused_without_echoing_them() {
        assertThatThrownBy(() -> ElasticsearchSinkConfig.builder().hosts("https://elastic:" + PASSWORD + "@es:9200").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in the URL")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void contradictory_or_impossible_settings_are_refused() {
        assertThatThrownBy(() -> ElasticsearchSinkConfig.builder().build())
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> ElasticsearchSinkConfig.builder().hosts("es:9200").build())
                .hasMessageContaining("https://host:9200");
        assertThatThrownBy(() -> ElasticsearchSinkConfig.builder().hosts("http://es:9200")
                .apiKey(Secret.fromEnv("K")).basicAuth("u", Secret.fromEnv("P")).build())
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> ElasticsearchSinkConfig.builder().hosts("http://es:9200")
                .caCertificateFile("/ca.crt").caFingerprint("AB").build())
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> ElasticsearchSinkConfig.builder().hosts("http://es:9200")
                .maxBatchSize(100).maxBufferedDocuments(100).build())
                .hasMessageContaining("maxBufferedDocuments");
        assertThatThrownBy(() -> ElasticsearchSinkConfig.builder().hosts("http://es:9200")
                .maxDocumentBytes(1000).build())
                .hasMessageContaining("maxDocumentBytes");
        assertThatThrownBy(() -> ElasticsearchSinkConfig.builder().hosts("http://es:9200")
                .backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)).build())
                .hasMessageContaining("maxBackoff");
    }
}
