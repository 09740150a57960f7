package io.ncwatch.record;

import java.time.Instant;
import java.util.Arrays;

/**
 * An input record the job could not use, with why and where it came from. A Flink POJO; the document
 * written to the dead-letter topic and index is {@code io.ncwatch.alert.DeadLetterDocument}.
 */
public class DeadLetter {
    /** The most bytes of a rejected record that are kept. */
    public static final int MAX_BYTES = 32 * 1024;

    /**
     * Where the job set it aside: {@value #STAGE_DECODE}, {@value #STAGE_CORRELATION}, {@value #STAGE_SEQUENCE},
     * or {@value #STAGE_RULES} for a record of the rules topic.
     */
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
    public static final String STAGE_SEQUENCE = "sequence";
    public static final String STAGE_RULES = "rules";
    /** Reason of an event that reached the correlation or the sequence stage behind the watermark: it was not used. */
    public static final String LATE = "LATE";
    /** Reason of a rule update the job could not run: the rule it replaces, if any, runs on. */
    public static final String INVALID_RULE = "INVALID_RULE";

    public DeadLetter() {}

    public static DeadLetter of(RawEvent raw, String reason, String detail, long time) {
        DeadLetter letter = new DeadLetter();
        letter.reason = reason;
        letter.detail = detail;
        letter.topic = raw.topic;
        letter.partition = raw.partition;
        letter.offset = raw.offset;
        letter.size = raw.json.length;
        letter.bytes = kept(raw.json);
        letter.time = time;
        return letter;
    }

    /** A rule update that the job refused, {@code detail} saying why. */
    public static DeadLetter rejected(RuleUpdate update, String detail, long time) {
        return setAside(STAGE_RULES, INVALID_RULE, detail, update.topic, update.partition, update.offset, update.text, time);
    }

    /**
     * An event the correlation received behind the watermark. Its bytes are kept only when it matched a
     * rule (the decoder drops the others' before the shuffle); its topic, partition and offset find it.
     */
    public static DeadLetter late(ContainerEvent event, long time) {
        return setAside(STAGE_CORRELATION, LATE, "event time " + Instant.ofEpochMilli(event.timestamp) + " of " + event.eventAction
                + " event in container " + event.containerId + " is behind the watermark: not correlated",
                event.topic, event.partition, event.offset, event.raw, time);
    }

    /** An event the sequence stage received behind the watermark: no sequence of its rule counts it. */
    public static DeadLetter late(SequenceEvent event, long time) {
        return setAside(STAGE_SEQUENCE, LATE, "event time " + Instant.ofEpochMilli(event.timestamp) + " of an event of sequence rule "
                + event.ruleId + " is behind the watermark: not sequenced",
                event.topic, event.partition, event.offset, event.raw, time);
    }

    private static DeadLetter setAside(String stage, String reason, String detail, String topic, int partition, long offset,
            byte[] bytes, long time) {
        DeadLetter letter = new DeadLetter();
        letter.stage = stage;
        letter.reason = reason;
        letter.detail = detail;
        letter.topic = topic;
        letter.partition = partition;
        letter.offset = offset;
        byte[] raw = bytes == null ? new byte[0] : bytes;
        letter.size = raw.length;
        letter.bytes = kept(raw);
        letter.time = time;
        return letter;
    }

    /** The bytes of a rejected record that are kept: at most {@link #MAX_BYTES}, cut at a UTF-8 character boundary. */
    public static byte[] kept(byte[] bytes) {
        return Arrays.copyOf(bytes, utf8Boundary(bytes, Math.min(bytes.length, MAX_BYTES)));
    }

    /** The largest length {@code <= length} that does not split a UTF-8 sequence. */
    private static int utf8Boundary(byte[] bytes, int length) {
        int end = length;
        while (end > 0 && end < bytes.length && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return end;
    }
}
