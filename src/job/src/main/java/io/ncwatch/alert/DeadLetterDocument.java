package io.ncwatch.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ncwatch.record.DeadLetter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The dead-letter document, written to the dead-letter topic and index, of a {@link DeadLetter} (an
 * input record the job could not use) or of a {@link RejectedDocument} (a document Elasticsearch
 * would not take): an ECS {@code event.kind: pipeline_error} document whose {@code error.type} is the
 * reason, {@code error.message} the detail, {@code event.original} the kept bytes (at most
 * {@value DeadLetter#MAX_BYTES}) as text when they are UTF-8 (else {@code ncwatch.deadletter.original_base64}).
 */
public final class DeadLetterDocument {
    /** The stage of a document Elasticsearch rejected. */
    private static final String STAGE_ELASTICSEARCH = "elasticsearch";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetterDocument() {}

    /** Same record, same reason, same id: a replay does not add a second document. */
    public static String id(DeadLetter letter) {
        return AlertId.sha256Prefix("deadletter", letter.topic + "/" + letter.partition + "/" + letter.offset, letter.reason);
    }

    /** Same target index and id, same reason, same id: a replay that fails the same way adds nothing. */
    public static String id(RejectedDocument rejected) {
        return AlertId.sha256Prefix("deadletter", STAGE_ELASTICSEARCH, rejected.index(), rejected.id(), rejected.reason());
    }

    public static byte[] json(DeadLetter letter, String namespace) {
        String where = letter.topic + "/" + letter.partition + "/" + letter.offset;
        ObjectNode doc = document(letter.time, "Rejected input record " + where, letter.stage, letter.reason,
                letter.detail, letter.bytes, letter.size, namespace);
        ObjectNode record = deadLetterFields(doc);
        record.put("topic", letter.topic);
        record.put("partition", letter.partition);
        record.put("offset", letter.offset);
        return bytes(doc);
    }

    public static byte[] json(RejectedDocument rejected, String namespace) {
        ObjectNode doc = document(rejected.time(), "Elasticsearch rejected document " + rejected.id() + " for "
                        + rejected.index(), STAGE_ELASTICSEARCH, rejected.reason(), rejected.detail(),
                DeadLetter.kept(rejected.json()), rejected.json().length, namespace);
        ObjectNode record = deadLetterFields(doc);
        record.put("index", rejected.index());
        record.put("id", rejected.id());
        rejected.status().ifPresent(status -> doc.putObject("http").putObject("response").put("status_code", status));
        return bytes(doc);
    }

    private static ObjectNode document(long time, String what, String stage, String reason, String detail,
            byte[] kept, int size, String namespace) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("@timestamp", AlertDocument.timestamp(time));
        doc.put("message", what + ": " + reason + ": " + detail);
        ObjectNode event = doc.putObject("event");
        event.put("kind", "pipeline_error");
        event.put("module", "ncwatch");
        event.put("dataset", "ncwatch.deadletter");
        String text = utf8(kept);
        if (text != null) {
            event.put("original", text);
        }
        ObjectNode error = doc.putObject("error");
        error.put("type", reason);
        error.put("message", detail);
        ObjectNode record = doc.putObject("ncwatch").putObject("deadletter");
        record.put("stage", stage);
        record.put("reason", reason);
        record.put("original_bytes", size);
        record.put("truncated", kept.length < size);
        if (text == null) {
            record.put("original_base64", Base64.getEncoder().encodeToString(kept));
        }
        ObjectNode dataStream = doc.putObject("data_stream");
        dataStream.put("type", "logs");
        dataStream.put("dataset", "ncwatch.deadletter");
        dataStream.put("namespace", namespace);
        return doc;
    }

    private static ObjectNode deadLetterFields(ObjectNode doc) {
        return (ObjectNode) doc.get("ncwatch").get("deadletter");
    }

    private static byte[] bytes(ObjectNode doc) {
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
