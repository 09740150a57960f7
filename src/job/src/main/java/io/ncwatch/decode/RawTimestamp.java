package io.ncwatch.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The event time of an undecoded event, for the source's watermarks: its top-level {@code @timestamp},
 * read and bounded (1970 to 2100) as {@link EcsDecoder} reads it. Fields before it are skipped unread
 * (producers write it first); nothing after it is read.
 */
public final class RawTimestamp {
    /** What {@link #find} returns for input without a readable {@code @timestamp} (the decoder dead-letters it). */
    public static final long NONE = Long.MIN_VALUE;

    private static final JsonFactory JSON = new JsonFactory();

    private RawTimestamp() {}

    /** Milliseconds since the epoch, or {@link #NONE}. */
    public static long find(byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return NONE;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                JsonToken value = parser.nextToken();
                if (FieldTree.TIMESTAMP.equals(parser.currentName())) {
                    return EcsDecoder.timestampValue(parser, value);
                }
                parser.skipChildren();
            }
        } catch (IOException | MalformedEventException e) {
            // not JSON, or no valid date: the decoder says which, in a dead letter
        }
        return NONE;
    }
}
