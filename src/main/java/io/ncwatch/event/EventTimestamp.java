package io.ncwatch.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/**
 * The event time of a raw ECS event, read where the event enters the job, so that each input partition
 * (Kafka partition, file) has a watermark of its own: a backlog is read at different speeds per
 * partition and per topic, and a watermark taken over their mix would make the slower ones late.
 *
 * <p>Reads the top-level fields only up to the first non-null {@code @timestamp}, by the rules of
 * {@link EcsDecoder}: for every event the decoder accepts, the same value.
 */
public final class EventTimestamp {
    /** No usable {@code @timestamp}: the decoder will dead-letter the event; it moves no watermark. */
    public static final long NONE = Long.MIN_VALUE;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(DecodeLimits.DEFAULT.maxDepth()).build())
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    private EventTimestamp() {}

    /** Milliseconds since the epoch of the event in JSON, or {@link #NONE}. */
    public static long of(byte[] json) {
        if (json.length > DecodeLimits.DEFAULT.maxEventBytes()) {
            return NONE;
        }
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return NONE;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean timestamp = FieldTree.TIMESTAMP.equals(parser.currentName());
                JsonToken token = parser.nextToken();
                if (!timestamp) {
                    parser.skipChildren();
                    continue;
                }
                if (token != JsonToken.VALUE_NULL) {
                    return EcsDecoder.timestampValue(parser, token);
                }
            }
        } catch (IOException | MalformedEventException e) {
            // Not an event the decoder accepts.
        }
        return NONE;
    }
}
