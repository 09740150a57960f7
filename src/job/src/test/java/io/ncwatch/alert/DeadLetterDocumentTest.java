package io.ncwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.decode.RawEvents;
import io.ncwatch.record.DeadLetter;
import io.ncwatch.record.RawEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DeadLetterDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NOW = 1_767_323_045_000L;
    private static final byte[] UNPARSABLE_ALERT = "{\"source\":{\"port\":\"not-a-port\"}}".getBytes(StandardCharsets.UTF_8);

    private static RejectedDocument rejected(String index, String id, byte[] json, String detail, long time) {
        return new RejectedDocument(index, id, json, OptionalInt.of(400), "document_parsing_exception", detail, time);
    }

    @Test
    void theDocumentSaysWhyAndWhereAndKeepsTheText() throws Exception {
        DeadLetter letter = DeadLetter.of(RawEvents.of("{\"a\":".getBytes(StandardCharsets.UTF_8), "t", 3, 99),
                "NOT_JSON", "Unexpected end-of-input", 1_795_846_364_318L);

        JsonNode doc = JSON.readTree(DeadLetterDocument.json(letter, "default"));

        assertThat(doc.get("@timestamp").asText()).isEqualTo("2026-11-28T06:12:44.318Z");
        assertThat(doc.at("/event/kind").asText()).isEqualTo("pipeline_error");
        assertThat(doc.at("/event/original").asText()).isEqualTo("{\"a\":");
        assertThat(doc.at("/error/type").asText()).isEqualTo("NOT_JSON");
        assertThat(doc.at("/error/message").asText()).isEqualTo("Unexpected end-of-input");
        assertThat(doc.at("/ncwatch/deadletter/topic").asText()).isEqualTo("t");
        assertThat(doc.at("/ncwatch/deadletter/partition").asInt()).isEqualTo(3);
        assertThat(doc.at("/ncwatch/deadletter/offset").asLong()).isEqualTo(99);
        assertThat(doc.at("/ncwatch/deadletter/original_bytes").asInt()).isEqualTo(5);
        assertThat(doc.at("/ncwatch/deadletter/truncated").asBoolean()).isFalse();
        assertThat(doc.at("/data_stream/dataset").asText()).isEqualTo("ncwatch.deadletter");
    }

    @Test
    void aLargeRecordIsCutAtACharacterBoundaryWithin32KiB() throws Exception {
        byte[] text = ("\"" + "é".repeat(20_000) + "\"").getBytes(StandardCharsets.UTF_8);

        DeadLetter letter = DeadLetter.of(RawEvents.of(text, "t", 0, 1), "TOO_LARGE", "big", 0);

        assertThat(letter.bytes.length).isEqualTo(32 * 1024 - 1);
        JsonNode doc = JSON.readTree(DeadLetterDocument.json(letter, "default"));
        assertThat(doc.at("/event/original").asText()).isEqualTo("\"" + "é".repeat(16_383));
        assertThat(doc.at("/ncwatch/deadletter/original_bytes").asInt()).isEqualTo(text.length);
        assertThat(doc.at("/ncwatch/deadletter/truncated").asBoolean()).isTrue();
    }

    @Test
    void bytesThatAreNotTextAreKeptAsBase64() throws Exception {
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1};

        JsonNode doc = JSON.readTree(DeadLetterDocument.json(DeadLetter.of(RawEvents.of(binary, "t", 0, 1), "NOT_JSON", "x", 0), "default"));

        assertThat(doc.at("/event/original").isMissingNode()).isTrue();
        assertThat(Base64.getDecoder().decode(doc.at("/ncwatch/deadletter/original_base64").asText())).isEqualTo(binary);
    }

    @Test
    void theSameRecordRejectedAgainHasTheSameId() {
        RawEvent record = RawEvents.of(new byte[] {'x'}, "t", 0, 1);

        assertThat(DeadLetterDocument.id(DeadLetter.of(record, "NOT_JSON", "a", 1)))
                .isEqualTo(DeadLetterDocument.id(DeadLetter.of(record, "NOT_JSON", "b", 2)))
                .isNotEqualTo(DeadLetterDocument.id(DeadLetter.of(RawEvents.of(new byte[] {'x'}, "t", 0, 2), "NOT_JSON", "a", 1)));
    }

    @Test
    void aRejectedDocumentCarriesTheReasonStatusTargetAndOriginal() throws Exception {
        RejectedDocument rejected = rejected("logs-ncwatch.alerts-default", "alert-1", UNPARSABLE_ALERT,
                "failed to parse field [source.port]", NOW);

        JsonNode doc = JSON.readTree(DeadLetterDocument.json(rejected, "default"));

        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2026-01-02T03:04:05.000Z");
        assertThat(doc.at("/event/kind").asText()).isEqualTo("pipeline_error");
        assertThat(doc.at("/event/original").asText()).isEqualTo(new String(UNPARSABLE_ALERT, StandardCharsets.UTF_8));
        assertThat(doc.at("/error/type").asText()).isEqualTo("document_parsing_exception");
        assertThat(doc.at("/error/message").asText()).isEqualTo("failed to parse field [source.port]");
        assertThat(doc.at("/http/response/status_code").asInt()).isEqualTo(400);
        assertThat(doc.at("/ncwatch/deadletter/stage").asText()).isEqualTo("elasticsearch");
        assertThat(doc.at("/ncwatch/deadletter/index").asText()).isEqualTo("logs-ncwatch.alerts-default");
        assertThat(doc.at("/ncwatch/deadletter/id").asText()).isEqualTo("alert-1");
        assertThat(doc.at("/ncwatch/deadletter/truncated").asBoolean()).isFalse();
        assertThat(doc.at("/data_stream/namespace").asText()).isEqualTo("default");
        assertThat(doc.at("/message").asText()).contains("alert-1", "document_parsing_exception");
    }

    @Test
    void aLargeRejectedDocumentIsCutLikeARecordAndHasNoStatusWhenTheSinkRefusedIt() throws Exception {
        // 7 bytes before the two-byte characters: 32 KiB ends inside one, which is left out.
        byte[] large = ("{\"ms\":\"" + "é".repeat(40_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        RejectedDocument rejected = new RejectedDocument("logs-ncwatch.alerts-default", "big", large, OptionalInt.empty(),
                "document_too_large", "too large", NOW);

        JsonNode doc = JSON.readTree(DeadLetterDocument.json(rejected, "default"));

        assertThat(doc.at("/event/original").asText()).isEqualTo("{\"ms\":\"" + "é".repeat(16_380));
        assertThat(doc.at("/ncwatch/deadletter/truncated").asBoolean()).isTrue();
        assertThat(doc.at("/ncwatch/deadletter/original_bytes").asLong()).isEqualTo(large.length);
        assertThat(doc.has("http")).isFalse();
    }

    @Test
    void theSameDocumentRejectedForTheSameReasonHasTheSameId() {
        String id = DeadLetterDocument.id(rejected("logs-ncwatch.alerts-default", "alert-1", UNPARSABLE_ALERT, "r", NOW));

        assertThat(DeadLetterDocument.id(rejected("logs-ncwatch.alerts-default", "alert-1", UNPARSABLE_ALERT,
                "other detail", NOW + 60_000))).isEqualTo(id);
        assertThat(DeadLetterDocument.id(rejected("logs-ncwatch.alerts-prod", "alert-1", UNPARSABLE_ALERT, "r", NOW)))
                .isNotEqualTo(id);
        assertThat(DeadLetterDocument.id(rejected("logs-ncwatch.alerts-default", "alert-2", UNPARSABLE_ALERT, "r", NOW)))
                .isNotEqualTo(id);
    }
}
