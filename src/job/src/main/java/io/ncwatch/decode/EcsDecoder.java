package io.ncwatch.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.ncwatch.decode.FieldTree.Node;
import io.ncwatch.decode.MalformedEventException.Reason;
import io.ncwatch.eql.analysis.FieldSlots;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes ECS JSON events into {@link DecodedEvent}s, reading only the fields of a {@link FieldSlots}
 * (as it was when the decoder was built) and {@code @timestamp}; every other subtree is skipped unread.
 *
 * <p>Elasticsearch's view of a document: nested and dotted spellings of a path are one field, and when
 * a document spells a field more than once the values merge; arrays flatten, arrays of objects included
 * ({@code a: [{b: 1}, {b: 2}]} gives {@code a.b = [1, 2]}); JSON nulls are no values (EQL never matches
 * a null element, and an array of nulls is absent, as in Elasticsearch) unless the mapping gives the field
 * a {@code null_value}, which stands in for each of them; a field with one value is that
 * value, a field with more is a list, whether or not the document wrote an array (Elasticsearch does not
 * tell {@code "a"} from {@code ["a"]} either, and the predicates read a scalar faster). An integer
 * is a Long, or a Double when it does not fit in a long (as Elasticsearch's dynamic mapping keeps it a
 * number), and a decimal is a Double.
 *
 * <p>Thread-safe; each call allocates only its result and Jackson's parser.
 */
public final class EcsDecoder {
    /** The earliest {@code @timestamp} taken: 1970-01-01T00:00:00Z. */
    public static final long EARLIEST_TIMESTAMP = 0L;
    /** The first {@code @timestamp} refused: 2100-01-01T00:00:00Z. */
    public static final long LATEST_TIMESTAMP = 4_102_444_800_000L;

    private final FieldTree tree;
    private final Object[] nullValues;
    private final int slotCount;
    private final DecodeLimits limits;
    private final JsonFactory factory;

    /** A decoder that leaves JSON nulls out, as for fields without a {@code null_value}. */
    public EcsDecoder(FieldSlots slots, DecodeLimits limits) {
        this(slots, new Object[slots.size()], limits);
    }

    /**
     * @param nullValues by slot, the value that a JSON null is decoded as (the mapping's {@code null_value},
     *     which Elasticsearch indexes in its place), or null to leave it out
     */
    public EcsDecoder(FieldSlots slots, Object[] nullValues, DecodeLimits limits) {
        this.nullValues = Arrays.copyOf(nullValues, slots.size());
        this.tree = new FieldTree(slots);
        this.slotCount = slots.size();
        this.limits = limits;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(limits.maxDepth()).build())
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .build();
    }

    /** Decodes the UTF-8 JSON object in {@code json[offset, offset + length)}. */
    public DecodedEvent decode(byte[] json, int offset, int length) throws MalformedEventException {
        if (length > limits.maxEventBytes()) {
            throw new MalformedEventException(Reason.TOO_LARGE,
                    "the event is " + length + " bytes, over the limit of " + limits.maxEventBytes() + " bytes");
        }
        if (notUtf8(json, offset, length)) {
            throw new MalformedEventException(Reason.NOT_JSON, "the event is not UTF-8 (it looks like UTF-16 or UTF-32)");
        }
        try (JsonParser parser = factory.createParser(json, offset, length)) {
            Decoding decoding = new Decoding(parser);
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new MalformedEventException(Reason.NOT_JSON, "the event is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new MalformedEventException(Reason.NOT_AN_OBJECT,
                        "the event is " + describe(first) + ", not a JSON object");
            }
            decoding.object(tree.root);
            if (parser.nextToken() != null) {
                throw new MalformedEventException(Reason.NOT_JSON,
                        "more data after the event's closing brace, at byte " + parser.currentTokenLocation().getByteOffset());
            }
            return decoding.finish();
        } catch (StreamConstraintsException e) {
            throw new MalformedEventException(constraint(e.getOriginalMessage()), jacksonDetail(e));
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(Reason.NOT_JSON, jacksonDetail(e));
        } catch (IOException e) {
            throw new MalformedEventException(Reason.NOT_JSON, "unreadable: " + e.getMessage());
        }
    }

    /** One event's decoding state. */
    private final class Decoding {
        private final JsonParser parser;
        private final SlotValues values = new SlotValues(slotCount);

        Decoding(JsonParser parser) {
            this.parser = parser;
        }

        /** Reads the object whose START_OBJECT is the current token, the fields of {@code node}. */
        void object(Node node) throws IOException, MalformedEventException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                Node child = node.child(parser.currentName());
                JsonToken token = parser.nextToken();
                if (child == null) {
                    parser.skipChildren();
                } else {
                    value(child, token);
                }
            }
        }

        private void value(Node node, JsonToken token) throws IOException, MalformedEventException {
            if (node.timestamp) {
                timestamp(token);
            }
            switch (token) {
                case START_OBJECT -> {
                    if (node.slot >= 0) {
                        // Skipped, it would leave the field absent: an event "without" container.id.
                        throw new MalformedEventException(Reason.WRONG_TYPE, node.path + " is an object, expected a value");
                    }
                    if (node.hasChildren()) {
                        object(node);
                    } else {
                        parser.skipChildren();
                    }
                }
                case START_ARRAY -> {
                    JsonToken element;
                    while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                        value(node, element);
                    }
                }
                case VALUE_NULL -> {
                    if (node.slot >= 0 && nullValues[node.slot] != null) {
                        values.add(node.slot, nullValues[node.slot]);
                    }
                }
                default -> {
                    if (node.slot >= 0) {
                        values.add(node.slot, scalar(node, token));
                    }
                }
            }
        }

        private Object scalar(Node node, JsonToken token) throws IOException, MalformedEventException {
            return switch (token) {
                case VALUE_STRING -> {
                    int chars = parser.getTextLength();
                    if (chars > limits.maxValueChars()) {
                        throw new MalformedEventException(Reason.VALUE_TOO_LONG, "the value of " + node.path + " is "
                                + chars + " characters, over the limit of " + limits.maxValueChars());
                    }
                    yield parser.getText();
                }
                case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? (Object) parser.getDoubleValue()
                        : (Object) parser.getLongValue();
                case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                default -> throw new IllegalStateException("not a scalar: " + token);
            };
        }

        private void timestamp(JsonToken token) throws IOException, MalformedEventException {
            if (token == JsonToken.VALUE_NULL) {
                return;
            }
            if (values.hasTimestamp()) {
                throw new MalformedEventException(Reason.BAD_TIMESTAMP, "the event has more than one @timestamp");
            }
            values.timestamp(timestampValue(parser, token));
        }

        DecodedEvent finish() throws MalformedEventException {
            return values.finish();
        }
    }

    /** Jackson reads UTF-16 and UTF-32 too; the raw-byte prefilter assumes UTF-8, so refuse the others. */
    private static boolean notUtf8(byte[] json, int offset, int length) {
        for (int i = offset; i < offset + Math.min(length, 4); i++) {
            if (json[i] == 0) {
                return true;
            }
        }
        return length >= 2 && ((json[offset] == (byte) 0xFE && json[offset + 1] == (byte) 0xFF)
                || (json[offset] == (byte) 0xFF && json[offset + 1] == (byte) 0xFE));
    }

    /**
     * Which of Jackson's read constraints failed: the nesting depth, the length of a name or number, or
     * (a rare case: field names crafted to collide in Jackson's symbol table) the event's size.
     */
    private static Reason constraint(String message) {
        return message.contains("nesting depth") ? Reason.TOO_DEEP
                : message.contains("length") ? Reason.VALUE_TOO_LONG
                : Reason.TOO_LARGE;
    }

    /**
     * The value of {@code @timestamp}, the current token of {@code parser}: an ISO-8601 string or whole
     * epoch milliseconds, from 1970 up to 2100.
     */
    static long timestampValue(JsonParser parser, JsonToken token) throws IOException, MalformedEventException {
        long millis;
        if (token == JsonToken.VALUE_STRING) {
            String text = parser.getText();
            try {
                millis = EcsTimestamp.toEpochMillis(text);
            } catch (DateTimeException e) {
                throw new MalformedEventException(Reason.BAD_TIMESTAMP, "@timestamp " + quoted(text)
                        + " is not an ISO-8601 date-time or epoch milliseconds: " + e.getMessage());
            }
        } else if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            millis = parser.getLongValue();
        } else {
            throw new MalformedEventException(Reason.BAD_TIMESTAMP, "@timestamp is " + describe(token)
                    + ", expected an ISO-8601 string or whole epoch milliseconds");
        }
        // One event from the far future would carry event time, and so every window, past all others.
        if (millis < EARLIEST_TIMESTAMP || millis >= LATEST_TIMESTAMP) {
            throw new MalformedEventException(Reason.BAD_TIMESTAMP, "@timestamp " + millis
                    + " ms since the epoch is before 1970 or from the year 2100 on");
        }
        return millis;
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    private static String jacksonDetail(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " (at byte " + e.getLocation().getByteOffset() + ")";
        return e.getOriginalMessage() + where;
    }

    private static String quoted(String text) {
        return "\"" + (text.length() > 64 ? text.substring(0, 64) + "..." : text) + "\"";
    }
}
