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
 * The document of a {@link DeadLetter}, written to the dead-letter topic and index: an ECS
 * {@code event.kind: pipeline_error} document whose {@code error.type} is the reason, {@code error.message}
 * the detail, {@code event.original} the kept bytes as text when they are UTF-8 (else
 * {@code ncwatch.deadletter.original_base64}).
 */
public final class DeadLetterDocument {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetterDocument() {}

    /** Same record, same reason, same id: a replay does not add a second document. */
    public static String id(DeadLetter letter) {
        return AlertId.sha256Prefix("deadletter", letter.topic + "/" + letter.partition + "/" + letter.offset, letter.reason);
    }

    public static byte[] json(DeadLetter letter, String namespace) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("@timestamp", AlertDocument.timestamp(letter.time));
        doc.put("message", "Rejected input record " + letter.topic + "/" + letter.partition + "/" + letter.offset + ": "
                + letter.reason + ": " + letter.detail);
        ObjectNode event = doc.putObject("event");
        event.put("kind", "pipeline_error");
        event.put("module", "ncwatch");
        event.put("dataset", "ncwatch.deadletter");
        String text = utf8(letter.bytes);
        if (text != null) {
            event.put("original", text);
        }
        ObjectNode error = doc.putObject("error");
        error.put("type", letter.reason);
        error.put("message", letter.detail);
        ObjectNode record = doc.putObject("ncwatch").putObject("deadletter");
        record.put("stage", letter.stage);
        record.put("reason", letter.reason);
        record.put("topic", letter.topic);
        record.put("partition", letter.partition);
        record.put("offset", letter.offset);
        record.put("original_bytes", letter.size);
        record.put("truncated", letter.bytes.length < letter.size);
        if (text == null) {
            record.put("original_base64", Base64.getEncoder().encodeToString(letter.bytes));
        }
        ObjectNode dataStream = doc.putObject("data_stream");
        dataStream.put("type", "logs");
        dataStream.put("dataset", "ncwatch.deadletter");
        dataStream.put("namespace", namespace);
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
