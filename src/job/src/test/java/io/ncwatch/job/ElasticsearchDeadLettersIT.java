package io.ncwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ncwatch.connector.elasticsearch.ElasticsearchSettings;
import io.ncwatch.connector.elasticsearch.EsDocument;
import io.ncwatch.harness.MiniClusters;
import io.ncwatch.testing.ElasticsearchServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ncwatch's Elasticsearch sink against a real Elasticsearch: its index templates are in place before
 * the first alert, and an alert Elasticsearch will not take becomes a dead letter beside the others.
 */
class ElasticsearchDeadLettersIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private final ElasticsearchServer elasticsearch = ElasticsearchServer.shared();
    private final String namespace = "deadletterit" + System.nanoTime();
    private final String alerts = "logs-ncwatch.alerts-" + namespace;
    private final String deadLetters = "logs-ncwatch.deadletter-" + namespace;

    private EsDocument alert(String id, String fields) {
        return new EsDocument(alerts, id, ("{\"@timestamp\":\"2026-01-01T00:00:00Z\"," + fields + "}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private void run(List<EsDocument> documents) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.fromData(documents, TypeInformation.of(EsDocument.class))
                .sinkTo(ServiceSinks.elasticsearch(new JobConfig.Elasticsearch(ElasticsearchSettings.of(elasticsearch.url()), namespace,
                        JobConfig.Elasticsearch.SOURCE_THROTTLE.defaultValue()), null));
        env.execute("elasticsearch-dead-letters-it");
    }

    @Test
    void theAlertsDataStreamGetsTheTemplatesMappings() throws Exception {
        run(List.of(alert("a1", "\"source\":{\"ip\":\"10.0.0.7\",\"port\":4444},\"container\":{\"id\":\"c1\"}")));

        JsonNode template = elasticsearch.request("GET", "/_index_template/ncwatch-alerts", null)
                .at("/index_templates/0/index_template");
        assertThat(template.at("/index_patterns/0").asText()).isEqualTo("logs-ncwatch.alerts-*");
        assertThat(template.at("/priority").asLong()).isGreaterThan(100);
        assertThat(elasticsearch.request("GET", "/_index_template/ncwatch-deadletter", null)
                .at("/index_templates/0/name").asText()).isEqualTo("ncwatch-deadletter");
        JsonNode mapping = elasticsearch.request("GET", "/" + alerts + "/_mapping", null).elements().next()
                .at("/mappings/properties");
        assertThat(mapping.at("/source/properties/port/type").asText()).isEqualTo("long");
        assertThat(mapping.at("/source/properties/ip/type").asText()).isEqualTo("ip");
        assertThat(mapping.at("/@timestamp/type").asText()).isEqualTo("date");
        assertThat(mapping.at("/container/properties/id/type").asText()).isEqualTo("keyword");
    }

    @Test
    void anAlertTheMappingRejectsIsADeadLetterWithItsReasonAndAReplayAddsNone() throws Exception {
        EsDocument rejected = alert("alert-bad", "\"source\":{\"port\":\"not-a-port\"}");
        List<EsDocument> input = List.of(alert("alert-1", "\"source\":{\"port\":4444}"), rejected);

        run(input);

        assertThat(elasticsearch.documents(alerts).keySet()).isEqualTo(Set.of("alert-1"));
        Map<String, JsonNode> letters = elasticsearch.documents(deadLetters);
        assertThat(letters).hasSize(1);
        JsonNode letter = letters.values().iterator().next();
        assertThat(letter.at("/ncwatch/deadletter/stage").asText()).isEqualTo("elasticsearch");
        assertThat(letter.at("/ncwatch/deadletter/index").asText()).isEqualTo(alerts);
        assertThat(letter.at("/ncwatch/deadletter/id").asText()).isEqualTo("alert-bad");
        assertThat(letter.at("/http/response/status_code").asInt()).isEqualTo(400);
        assertThat(letter.at("/error/type").asText()).isEqualTo("document_parsing_exception");
        assertThat(letter.at("/error/message").asText()).contains("source.port");
        assertThat(letter.at("/event/original").asText()).isEqualTo(rejected.jsonText());

        run(input);

        assertThat(elasticsearch.count(deadLetters)).isEqualTo(1);
    }

    @Test
    void anAlertTooLargeForABulkIsADeadLetterCappedAt32KiB() throws Exception {
        EsDocument large = alert("alert-huge", "\"message\":\"" + "x".repeat(1024 * 1024) + "\"");

        run(List.of(alert("alert-1", "\"message\":\"small\""), large));

        assertThat(elasticsearch.documents(alerts).keySet()).isEqualTo(Set.of("alert-1"));
        JsonNode letter = elasticsearch.documents(deadLetters).values().iterator().next();
        assertThat(letter.at("/error/type").asText()).isEqualTo("document_too_large");
        assertThat(letter.at("/event/original").asText()).hasSize(32 * 1024);
        assertThat(letter.at("/ncwatch/deadletter/truncated").asBoolean()).isTrue();
        assertThat(letter.at("/ncwatch/deadletter/original_bytes").asLong()).isEqualTo(large.json().length);
    }
}
