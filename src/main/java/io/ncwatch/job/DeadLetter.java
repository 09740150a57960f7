package io.ncwatch.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ncwatch.alert.AlertDocument;
import io.ncwatch.alert.AlertId;
import io.ncwatch.event.ContainerEvent;
import io.ncwatch.source.kafka.RawEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * An input record the job could not use, with why and where it came from. A Flink POJO; {@link #toJson}
 * is the document written to the dead-letter topic and index.
 */
public class DeadLetter {
    /** The most bytes of a rejected record that are kept. */
    public static final int MAX_BYTES = 32 * 1024;

    /** Where the job set it aside: {@value #STAGE_DECODE} or {@value #STAGE_CORRELATION}. */
    public String stage = STAGE_DECODE;
    /** A {@code MalformedEventException.Reason} name, or {@value #LATE}. */
    public String reason;
    public String detail;
    public String topic;
    public int partition;
    public long offset;
    /** The record's first bytes, at most {@link #MAX_BYTES}, cut at a UTF-8 character boundary. */
    public byte[] bytes;
    /** The record's size in bytes. */
    public int size;
    /** When it was rejected, epoch milliseconds. */
    public long time;

    public static final String STAGE_DECODE = "decode";
    public static final String STAGE_CORRELATION = "correlation";
    /** Reason of an event that reached the correlation behind the watermark: it was not correlated. */
    public static final String LATE = "LATE";

    public DeadLetter() {}

    public static DeadLetter of(RawEvent raw, String reason, String detail, long time) {
        DeadLetter letter = new DeadLetter();
        letter.reason = reason;
        letter.detail = detail;
        letter.topic = raw.topic;
        letter.partition = raw.partition;
        letter.offset = raw.offset;
        letter.size = raw.json.length;
        letter.bytes = Arrays.copyOf(raw.json, utf8Boundary(raw.json, Math.min(raw.json.length, MAX_BYTES)));
        letter.time = time;
        return letter;
    }

    /**
     * An event the correlation received behind the watermark. Its bytes are kept only when it matched a
     * rule (the decoder drops the others' before the shuffle); its topic, partition and offset find it.
     */
    public static DeadLetter late(ContainerEvent event, long time) {
        DeadLetter letter = new DeadLetter();
        letter.stage = STAGE_CORRELATION;
        letter.reason = LATE;
        letter.detail = "event time " + AlertDocument.timestamp(event.timestamp) + " of " + event.eventAction
                + " event in container " + event.containerId + " is behind the watermark: not correlated";
        letter.topic = event.topic;
        letter.partition = event.partition;
        letter.offset = event.offset;
        byte[] raw = event.raw == null ? new byte[0] : event.raw;
        letter.size = raw.length;
        letter.bytes = Arrays.copyOf(raw, utf8Boundary(raw, Math.min(raw.length, MAX_BYTES)));
        letter.time = time;
        return letter;
    }

    /** Same record, same reason, same id: a replay does not add a second record. */
    public String documentId() {
        return AlertId.sha256Prefix("deadletter", topic + "/" + partition + "/" + offset, reason);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The dead-letter document, in the form the Elasticsearch sink uses for the documents it rejects:
     * {@code error.type} is the reason, {@code error.message} the detail, {@code event.original} the kept
     * bytes as text when they are UTF-8 (else {@code ncwatch.deadletter.original_base64}).
     */
    public byte[] toJson(String namespace) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("@timestamp", AlertDocument.timestamp(time));
        doc.put("message", "Rejected input record " + topic + "/" + partition + "/" + offset + ": " + reason + ": " + detail);
        ObjectNode event = doc.putObject("event");
        event.put("kind", "pipeline_error");
        event.put("module", "ncwatch");
        event.put("dataset", "ncwatch.deadletter");
        String text = utf8(bytes);
        if (text != null) {
            event.put("original", text);
        }
        ObjectNode error = doc.putObject("error");
        error.put("type", reason);
        error.put("message", detail);
        ObjectNode record = doc.putObject("ncwatch").putObject("deadletter");
        record.put("stage", stage);
        record.put("reason", reason);
        record.put("topic", topic);
        record.put("partition", partition);
        record.put("offset", offset);
        record.put("original_bytes", size);
        record.put("truncated", bytes.length < size);
        if (text == null) {
            record.put("original_base64", Base64.getEncoder().encodeToString(bytes));
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

    /** The largest length {@code <= length} that does not split a UTF-8 sequence. */
    private static int utf8Boundary(byte[] bytes, int length) {
        int end = length;
        while (end > 0 && end < bytes.length && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return end;
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
