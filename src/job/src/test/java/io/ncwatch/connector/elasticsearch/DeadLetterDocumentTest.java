package io.ncwatch.connector.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadLetterDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private static final EsDocument REJECTED = new EsDocument("logs-ncwatch.alerts-default", "alert-1",
            "{\"source\":{\"port\":\"not-a-port\"}}".getBytes(StandardCharsets.UTF_8));

    private static JsonNode json(EsDocument document) throws Exception {
        return JSON.readTree(document.json());
    }

    @Test
    void carries_the_reason_status_target_and_original_document() throws Exception {
        EsDocument letter = DeadLetterDocument.of(REJECTED, 400, "document_parsing_exception",
                "failed to parse field [source.port]", "logs-ncwatch.deadletter-default", NOW);

        assertThat(letter.index()).isEqualTo("logs-ncwatch.deadletter-default");
        JsonNode doc = json(letter);
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(doc.at("/event/kind").asText()).isEqualTo("pipeline_error");
        assertThat(doc.at("/event/original").asText()).isEqualTo(REJECTED.jsonText());
        assertThat(doc.at("/error/type").asText()).isEqualTo("document_parsing_exception");
        assertThat(doc.at("/error/message").asText()).isEqualTo("failed to parse field [source.port]");
        assertThat(doc.at("/http/response/status_code").asInt()).isEqualTo(400);
        assertThat(doc.at("/ncwatch/deadletter/index").asText()).isEqualTo("logs-ncwatch.alerts-default");
        assertThat(doc.at("/ncwatch/deadletter/id").asText()).isEqualTo("alert-1");
        assertThat(doc.at("/ncwatch/deadletter/truncated").asBoolean()).isFalse();
        assertThat(doc.at("/message").asText()).contains("alert-1", "document_parsing_exception");
    }

    @Test
    void a_large_original_is_capped_and_marked_truncated() throws Exception {
        byte[] large = ("{\"message\":\"" + "é".repeat(40_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        EsDocument letter = DeadLetterDocument.of(new EsDocument("logs-ncwatch.alerts-default", "big", large), null,
                "document_too_large", "too large", "logs-ncwatch.deadletter-default", NOW);

        JsonNode doc = json(letter);
        assertThat(doc.at("/event/original").asText().getBytes(StandardCharsets.UTF_8).length)
                .isBetween(DeadLetterDocument.ORIGINAL_CAP_BYTES - 3, DeadLetterDocument.ORIGINAL_CAP_BYTES + 3);
        assertThat(doc.at("/ncwatch/deadletter/truncated").asBoolean()).isTrue();
        assertThat(doc.at("/ncwatch/deadletter/original_bytes").asLong()).isEqualTo(large.length);
        assertThat(doc.has("http")).isFalse();
        assertThat(letter.sizeInBytes()).isLessThan(ElasticsearchSinkConfig.MIN_DOCUMENT_BYTES);
    }

    @Test
    void the_id_depends_only_on_the_target_index_and_id() {
        String id = DeadLetterDocument.of(REJECTED, 400, "t", "r", "dl", NOW).id();

        assertThat(DeadLetterDocument.of(REJECTED, 400, "t", "other reason", "dl", NOW.plusSeconds(60)).id())
                .isEqualTo(id);
        assertThat(DeadLetterDocument.idFor(new EsDocument("logs-ncwatch.alerts-prod", "alert-1", REJECTED.json())))
                .isNotEqualTo(id);
        assertThat(id).hasSize(40);
    }
}
