package io.ncwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.connector.elasticsearch.EsDocument;
import io.ncwatch.connector.elasticsearch.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ElasticsearchDeadLettersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEAD_LETTERS = "logs-ncwatch.deadletter-prod";

    private final ElasticsearchDeadLetters deadLetters = new ElasticsearchDeadLetters(DEAD_LETTERS, "prod");

    @Test
    void aRejectedAlertBecomesADeadLetterInTheDeadLetterIndexWithElasticsearchsReason() throws Exception {
        EsDocument alert = new EsDocument("logs-ncwatch.alerts-prod", "alert-1",
                "{\"source\":{\"port\":\"x\"}}".getBytes(StandardCharsets.UTF_8));

        EsDocument letter = deadLetters.replacementFor(alert,
                new Rejection(OptionalInt.of(400), "document_parsing_exception", "failed to parse field [source.port]"));

        assertThat(letter.index()).isEqualTo(DEAD_LETTERS);
        JsonNode doc = JSON.readTree(letter.json());
        assertThat(doc.at("/ncwatch/deadletter/index").asText()).isEqualTo("logs-ncwatch.alerts-prod");
        assertThat(doc.at("/ncwatch/deadletter/id").asText()).isEqualTo("alert-1");
        assertThat(doc.at("/http/response/status_code").asInt()).isEqualTo(400);
        assertThat(doc.at("/error/type").asText()).isEqualTo("document_parsing_exception");
        assertThat(doc.at("/data_stream/namespace").asText()).isEqualTo("prod");
        assertThat(deadLetters.replacementFor(alert, new Rejection(OptionalInt.of(400), "document_parsing_exception",
                "another wording")).id()).as("a replay adds no second dead letter").isEqualTo(letter.id());
    }

    @Test
    void onlyDocumentsOfTheDeadLetterIndexAreReplacements() {
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);

        assertThat(deadLetters.isReplacement(new EsDocument(DEAD_LETTERS, "d", json))).isTrue();
        assertThat(deadLetters.isReplacement(new EsDocument("logs-ncwatch.alerts-prod", "a", json))).isFalse();
    }
}
