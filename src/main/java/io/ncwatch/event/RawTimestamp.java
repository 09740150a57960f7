package io.ncwatch.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.DateTimeException;

/**
 * The event time of an undecoded event, for the source's watermarks: its top-level {@code @timestamp},
 * read as {@link EcsDecoder} reads it. Fields before it are skipped unread (producers write it first);
 * nothing after it is read.
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
                    return value(parser, value);
                }
                parser.skipChildren();
            }
        } catch (IOException | DateTimeException e) {
            // not JSON, or no date: the decoder says which, in a dead letter
        }
        return NONE;
    }

    private static long value(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            return EcsTimestamp.toEpochMillis(parser.getText());
        }
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return parser.getLongValue();
        }
        return NONE;
    }
}
