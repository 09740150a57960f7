package io.ncwatch.connector.elasticsearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The dead-letter document for a document Elasticsearch will never take (a mapping error, say): an ECS
 * {@code event.kind: pipeline_error} document with the error, the HTTP status, the target index and id,
 * and the original JSON as text, capped at {@value #ORIGINAL_CAP_BYTES} bytes. Its id is derived from
 * the target index and id, so a replay that fails the same way creates nothing new.
 */
final class DeadLetterDocument {

    static final int ORIGINAL_CAP_BYTES = 32 * 1024;

    private static final JsonFactory JSON = new JsonFactory();

    private DeadLetterDocument() {
    }

    /**
     * @param status the HTTP status Elasticsearch answered for the document, or null if the sink itself
     *     refused it (too large)
     */
    static EsDocument of(EsDocument rejected, Integer status, String errorType, String reason,
            String deadLetterIndex, Instant now) {
        byte[] original = rejected.json();
        int kept = Math.min(original.length, ORIGINAL_CAP_BYTES);
        ByteArrayOutputStream out = new ByteArrayOutputStream(kept + 1024);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("@timestamp", now.toString());
            json.writeStringField("message", "Elasticsearch sink dead-lettered document " + rejected.id()
                    + " for " + rejected.index() + ": " + errorType + ": " + reason);
            json.writeObjectFieldStart("event");
            json.writeStringField("kind", "pipeline_error");
            json.writeStringField("module", "ncwatch");
            json.writeStringField("dataset", "ncwatch.deadletter");
            // Decoding a cut UTF-8 sequence yields U+FFFD: the text stays valid.
            json.writeStringField("original", new String(original, 0, kept, StandardCharsets.UTF_8));
            json.writeEndObject();
            json.writeObjectFieldStart("error");
            json.writeStringField("type", errorType);
            json.writeStringField("message", reason);
            json.writeEndObject();
            if (status != null) {
                json.writeObjectFieldStart("http");
                json.writeObjectFieldStart("response");
                json.writeNumberField("status_code", status);
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeObjectFieldStart("ncwatch");
            json.writeObjectFieldStart("deadletter");
            json.writeStringField("stage", "elasticsearch");
            json.writeStringField("reason", errorType);
            json.writeStringField("index", rejected.index());
            json.writeStringField("id", rejected.id());
            json.writeNumberField("original_bytes", original.length);
            json.writeBooleanField("truncated", kept < original.length);
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EsDocument(deadLetterIndex, idFor(rejected), out.toByteArray());
    }

    static String idFor(EsDocument rejected) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] hash = sha256.digest((rejected.index() + "\n" + rejected.id()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
