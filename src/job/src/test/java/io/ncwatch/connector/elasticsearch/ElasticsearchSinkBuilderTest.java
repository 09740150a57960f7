package io.ncwatch.connector.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ncwatch.connector.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchSinkBuilderTest {

    private static final String PASSWORD = "s3cr3t-Pa55word!";

    @TempDir
    Path dir;

    private static ElasticsearchSinkBuilder<EsDocument> builder() {
        return ElasticsearchSink.<EsDocument>builder().setElementConverter((document, context) -> document);
    }

    private static ElasticsearchSinkBuilder<EsDocument> builder(String url) {
        return builder().setHosts(url);
    }

    @Test
    void to_string_shows_where_secrets_are_but_never_their_values() throws IOException {
        Path passwordFile = Files.writeString(dir.resolve("password"), PASSWORD);
        ElasticsearchSink<EsDocument> sink = builder()
                .setHosts("https://es1:9200", "https://es2:9200")
                .setBasicAuth("ncwatch_writer", Secret.fromFile(passwordFile))
                .setCaFingerprint("AB:CD:EF")
                .build();

        assertThat(Secret.fromFile(passwordFile).read()).isEqualTo(PASSWORD);
        assertThat(sink.toString())
                .contains("https://es1:9200", "ncwatch_writer", "file:" + passwordFile, "ca-fingerprint:AB:CD:EF")
                .doesNotContain(PASSWORD);
    }

    @Test
    void an_api_key_shows_as_its_variable_name() {
        ElasticsearchSink<EsDocument> sink = builder("https://es:9200").setApiKey(Secret.fromEnv("ES_API_KEY")).build();

        assertThat(sink.toString()).contains("apiKey(env:ES_API_KEY)");
    }

    @Test
    void defaults_suit_rare_documents_and_the_sink_travels_in_the_job_graph() throws Exception {
        ElasticsearchSink<EsDocument> sink = builder("http://localhost:9200").build();

        assertThat(sink.toString()).contains("maxBatchSize=1000", "maxTimeInBufferMS=200", "maxInFlightRequests=2",
                "maxRecordSizeInBytes=1048576", "backoff=PT0.1S..PT30S");
        assertThat(InstantiationUtil.clone(sink)).hasToString(sink.toString());
    }

    @Test
    void credentials_in_a_url_are_refused_without_echoing_them() {
        assertThatThrownBy(() -> builder("https://elastic:" + PASSWORD + "@es:9200").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in the URL")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void a_wrong_setting_is_refused_by_name() {
        assertThatThrownBy(() -> builder().build()).hasMessageContaining("hosts").hasMessageContaining("at least one");
        assertThatThrownBy(() -> builder("es:9200").build()).hasMessageContaining("https://host:9200");
        assertThatThrownBy(() -> ElasticsearchSink.<EsDocument>builder().setHosts("http://es:9200").build())
                .hasMessageContaining("elementConverter");
        assertThatThrownBy(() -> builder("http://es:9200")
                .setApiKey(Secret.fromEnv("K")).setBasicAuth("u", Secret.fromEnv("P")).build())
                .hasMessageContaining("apiKey and basicAuth").hasMessageContaining("not both");
        assertThatThrownBy(() -> builder("http://es:9200").setBasicAuth("u", null).build())
                .hasMessageContaining("basicAuth");
        assertThatThrownBy(() -> builder("http://es:9200")
                .setCaCertificateFile("/ca.crt").setCaFingerprint("AB").build())
                .hasMessageContaining("caCertificateFile and caFingerprint").hasMessageContaining("not both");
        assertThatThrownBy(() -> builder("http://es:9200").setMaxBatchSize(100).setMaxBufferedRequests(100).build())
                .hasMessageContaining("maxBufferedRequests");
        assertThatThrownBy(() -> builder("http://es:9200").setMaxInFlightRequests(0).build())
                .hasMessageContaining("maxInFlightRequests");
        assertThatThrownBy(() -> builder("http://es:9200").setMaxRecordSizeInBytes(2000).setMaxBatchSizeInBytes(1000).build())
                .hasMessageContaining("maxBatchSizeInBytes");
        assertThatThrownBy(() -> builder("http://es:9200").setMaxTimeInBufferMS(0).build())
                .hasMessageContaining("maxTimeInBufferMS");
        assertThatThrownBy(() -> builder("http://es:9200").setRequestTimeout(Duration.ZERO).build())
                .hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> builder("http://es:9200").setBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)).build())
                .hasMessageContaining("backoff");
    }
}
