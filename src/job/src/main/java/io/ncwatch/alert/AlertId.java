package io.ncwatch.alert;

import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.Detection;
import io.ncwatch.record.SequenceEvent;
import io.ncwatch.record.Stage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The document id of an alert: the same rule, source event and stage give the same id in every run, so
 * a replay's create-only writes find the alert already there. Tests and the generator's ground truth
 * compute ids with this class too.
 */
public final class AlertId {
    private AlertId() {}

    /**
     * The first 128 bits of SHA-256 over the three parts, as 32 hex digits.
     *
     * @param sourceEventIdentity from {@link #sourceEventIdentity}
     */
    public static String of(String ruleId, String sourceEventIdentity, Stage stage) {
        return sha256Prefix(ruleId, sourceEventIdentity, stage.jsonName());
    }

    /** A sequence alert's id: from its rule and its members' {@link #sourceEventIdentity identities}, in sequence order. */
    public static String ofSequence(String ruleId, List<String> memberIdentities) {
        return of(ruleId, String.join(" ", memberIdentities), Stage.SEQUENCE);
    }

    /** The id of the alert a detection raises: {@link #of} its rule, event and stage, or {@link #ofSequence} its members. */
    public static String of(Detection detection) {
        if (detection.sequence == null) {
            ContainerEvent event = detection.event;
            return of(detection.ruleId, sourceEventIdentity(event.eventId, event.topic, event.partition, event.offset),
                    detection.stage);
        }
        List<String> identities = new ArrayList<>(detection.sequence.events.length);
        for (SequenceEvent event : detection.sequence.events) {
            identities.add(sourceEventIdentity(event.eventId, event.topic, event.partition, event.offset));
        }
        return ofSequence(detection.ruleId, identities);
    }

    /** The source event's {@code event.id} when it has one, else its topic, partition and offset. */
    public static String sourceEventIdentity(String eventId, String topic, int partition, long offset) {
        return eventId != null ? "event.id:" + eventId : "record:" + topic + "/" + partition + "/" + offset;
    }

    /** Hex of the first 16 bytes of SHA-256 over the parts, each followed by a newline. */
    public static String sha256Prefix(String... parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha256.update(part.getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha256.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
