package io.ncwatch.decode;

import com.fasterxml.jackson.core.StreamReadConstraints;
import io.ncwatch.decode.FieldTree.Node;
import io.ncwatch.eql.analysis.FieldSlots;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.Arrays;

/**
 * Decodes the slotted fields and {@code @timestamp} like {@link EcsDecoder}, straight from the UTF-8
 * bytes: it looks up a key only where the field tree goes on, and passes over every other value by its
 * brackets and quotes, without tokenizing it, building names or decoding strings.
 *
 * <p>It reads the common case alone: values it reads are ASCII strings without escapes, integers of up
 * to 18 digits, booleans and nulls. For anything else in a field it reads (an escape, a character
 * beyond ASCII, a decimal, a big integer, an object where a value belongs, a second {@code @timestamp}),
 * for any syntax error it meets, a nesting deeper than the limit, a missing or bad {@code @timestamp}, it
 * hands the whole event to {@link EcsDecoder}, whose result or error is then the answer: values and
 * errors are EcsDecoder's. What it passes over it checks for JSON syntax (brackets, quotes, escapes,
 * literals, numbers, control characters, UTF-8 sequences, Jackson's length limits), as strictly as
 * Jackson or more (and what it refuses, EcsDecoder judges). Thread-safe.
 */
public final class RawScanDecoder {
    private final FieldTree tree;
    private final Object[] nullValues;
    private final int slotCount;
    private final DecodeLimits limits;
    private final EcsDecoder full;

    /** A decoder that leaves JSON nulls out, as for fields without a {@code null_value}. */
    public RawScanDecoder(FieldSlots slots, DecodeLimits limits) {
        this(slots, new Object[slots.size()], limits);
    }

    /** @param nullValues by slot, what a JSON null is decoded as, as {@link EcsDecoder} takes them */
    public RawScanDecoder(FieldSlots slots, Object[] nullValues, DecodeLimits limits) {
        this.tree = new FieldTree(slots);
        this.nullValues = Arrays.copyOf(nullValues, slots.size());
        this.slotCount = slots.size();
        this.limits = limits;
        this.full = new EcsDecoder(slots, nullValues, limits);
    }

    /** Decodes the UTF-8 JSON object in {@code json[offset, offset + length)}. */
    public DecodedEvent decode(byte[] json, int offset, int length) throws MalformedEventException {
        DecodedEvent event = scanned(json, offset, length);
        return event != null ? event : full.decode(json, offset, length);
    }

    /** The event as the scan alone reads it, or null when it leaves the event to {@link EcsDecoder}. */
    DecodedEvent scanned(byte[] json, int offset, int length) throws MalformedEventException {
        if (length > limits.maxEventBytes()) {
            return null;
        }
        try {
            return new Scan(json, offset, offset + length).event();
        } catch (Unusual e) {
            return null;
        }
    }

    /** Input the scan leaves to {@link EcsDecoder}; one instance, no stack trace: it is control flow. */
    private static final class Unusual extends Exception {
        static final Unusual INSTANCE = new Unusual();

        private Unusual() {
            super(null, null, false, false);
        }
    }

    /** Reads one array element that starts with the given byte. */
    @FunctionalInterface
    private interface Element {
        void read(int first) throws Unusual;
    }

    /** One event's scan. */
    private final class Scan {
        private final byte[] b;
        private final int end;
        private final SlotValues values = new SlotValues(slotCount);
        private int p;
        private int depth;

        Scan(byte[] json, int from, int end) {
            this.b = json;
            this.p = from;
            this.end = end;
        }

        DecodedEvent event() throws Unusual, MalformedEventException {
            if (next() != '{') {
                throw Unusual.INSTANCE;
            }
            object(tree.root);
            if (p < end && next() != -1) {
                throw Unusual.INSTANCE;
            }
            if (!values.hasTimestamp()) {
                throw Unusual.INSTANCE;
            }
            return values.finish();
        }

        /** Reads the object after its {@code &#123;}, the fields of {@code node}. */
        private void object(Node node) throws Unusual {
            enter();
            int c = next();
            if (c != '}') {
                while (true) {
                    if (c != '"') {
                        throw Unusual.INSTANCE;
                    }
                    int key = p;
                    Node child = node.child(b, key, name());
                    if (next() != ':') {
                        throw Unusual.INSTANCE;
                    }
                    if (child == null) {
                        skipValue(next());
                    } else {
                        value(child, next());
                    }
                    c = next();
                    if (c == '}') {
                        break;
                    }
                    if (c != ',') {
                        throw Unusual.INSTANCE;
                    }
                    c = next();
                }
            }
            depth--;
        }

        /** A value of {@code node} that starts with {@code c}. */
        private void value(Node node, int c) throws Unusual {
            if (node.timestamp) {
                timestamp(node, c);
                return;
            }
            switch (c) {
                case '{' -> {
                    if (node.slot >= 0) {
                        throw Unusual.INSTANCE; // an object where a value belongs: EcsDecoder's WRONG_TYPE
                    }
                    if (node.hasChildren()) {
                        object(node);
                    } else {
                        skipValue(c);
                    }
                }
                case '[' -> array(element -> value(node, element));
                case 'n' -> {
                    literal("ull");
                    if (node.slot >= 0 && nullValues[node.slot] != null) {
                        values.add(node.slot, nullValues[node.slot]);
                    }
                }
                default -> {
                    if (node.slot >= 0) {
                        values.add(node.slot, scalar(c));
                    } else {
                        skipValue(c);
                    }
                }
            }
        }

        /** An array after its opening bracket, each element handed to {@code element} with its first byte. */
        private void array(Element element) throws Unusual {
            enter();
            int c = next();
            if (c != ']') {
                while (true) {
                    element.read(c);
                    c = next();
                    if (c == ']') {
                        break;
                    }
                    if (c != ',') {
                        throw Unusual.INSTANCE;
                    }
                    c = next();
                }
            }
            depth--;
        }

        /** {@code @timestamp}: an ASCII ISO-8601 string or whole epoch milliseconds, once, in range. */
        private void timestamp(Node node, int c) throws Unusual {
            if (c == 'n') {
                literal("ull");
                return;
            }
            Object value = c == '"' || c == '-' || (c >= '0' && c <= '9') ? scalar(c) : null;
            long millis;
            if (value instanceof String text) {
                try {
                    millis = EcsTimestamp.toEpochMillis(text);
                } catch (DateTimeException e) {
                    throw Unusual.INSTANCE;
                }
            } else if (value instanceof Long number) {
                millis = number;
            } else {
                throw Unusual.INSTANCE;
            }
            if (values.hasTimestamp() || millis < EcsDecoder.EARLIEST_TIMESTAMP || millis >= EcsDecoder.LATEST_TIMESTAMP) {
                throw Unusual.INSTANCE;
            }
            values.timestamp(millis);
            if (node.slot >= 0) {
                values.add(node.slot, value);
            }
        }

        /** A string, integer or boolean that starts with {@code c}. */
        private Object scalar(int c) throws Unusual {
            return switch (c) {
                case '"' -> string();
                case 't' -> {
                    literal("rue");
                    yield Boolean.TRUE;
                }
                case 'f' -> {
                    literal("alse");
                    yield Boolean.FALSE;
                }
                default -> integer(c);
            };
        }

        /** Moves past a key after its opening quote, up to and past its closing quote; the key's end. */
        private int name() throws Unusual {
            int start = p;
            int stop = plainAscii();
            if (stop - start > StreamReadConstraints.DEFAULT_MAX_NAME_LEN) {
                throw Unusual.INSTANCE;
            }
            return stop;
        }

        /** A string value after its opening quote. */
        private String string() throws Unusual {
            int start = p;
            int stop = plainAscii();
            if (stop - start > limits.maxValueChars()) {
                throw Unusual.INSTANCE;
            }
            return new String(b, start, stop - start, StandardCharsets.ISO_8859_1);
        }

        /** Moves past a string's closing quote when it holds only ASCII without escapes; its end. */
        private int plainAscii() throws Unusual {
            for (int i = p; i < end; i++) {
                byte x = b[i];
                if (x == '"') {
                    p = i + 1;
                    return i;
                }
                if (x < 0x20 || x == '\\') { // a negative byte is beyond ASCII
                    throw Unusual.INSTANCE;
                }
            }
            throw Unusual.INSTANCE;
        }

        /** An integer of JSON syntax, at most 18 digits (so it fits a long), that starts with {@code c}. */
        private Long integer(int c) throws Unusual {
            if (c != '-' && (c < '0' || c > '9')) {
                throw Unusual.INSTANCE;
            }
            boolean negative = c == '-';
            int first = negative ? p : p - 1;
            int i = first;
            long value = 0;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                value = value * 10 + (b[i] - '0');
                i++;
            }
            int digits = i - first;
            boolean more = i < end && (b[i] == '.' || b[i] == 'e' || b[i] == 'E');
            if (digits == 0 || digits > 18 || (b[first] == '0' && digits > 1) || more) {
                throw Unusual.INSTANCE;
            }
            p = i;
            return negative ? -value : value;
        }

        /** Checks the rest of {@code true}, {@code false} or {@code null}. */
        private void literal(String rest) throws Unusual {
            if (end - p < rest.length()) {
                throw Unusual.INSTANCE;
            }
            for (int i = 0; i < rest.length(); i++) {
                if (b[p + i] != rest.charAt(i)) {
                    throw Unusual.INSTANCE;
                }
            }
            p += rest.length();
        }

        /** Passes over a value that starts with {@code c}, checking its syntax. */
        private void skipValue(int c) throws Unusual {
            switch (c) {
                case '"' -> skipString();
                case '{' -> {
                    enter();
                    int d = next();
                    if (d != '}') {
                        while (true) {
                            if (d != '"') {
                                throw Unusual.INSTANCE;
                            }
                            int key = p;
                            skipString();
                            if (p - 1 - key > StreamReadConstraints.DEFAULT_MAX_NAME_LEN || next() != ':') {
                                throw Unusual.INSTANCE;
                            }
                            skipValue(next());
                            d = next();
                            if (d == '}') {
                                break;
                            }
                            if (d != ',') {
                                throw Unusual.INSTANCE;
                            }
                            d = next();
                        }
                    }
                    depth--;
                }
                case '[' -> array(this::skipValue);
                case 't' -> literal("rue");
                case 'f' -> literal("alse");
                case 'n' -> literal("ull");
                default -> skipNumber(c);
            }
        }

        /** Passes over a string after its opening quote: escapes must be JSON's, control characters escaped. */
        private void skipString() throws Unusual {
            for (int i = p; i < end; i++) {
                byte x = b[i];
                if (x == '"') {
                    p = i + 1;
                    return;
                }
                if (x == '\\') {
                    i++;
                    byte e = i < end ? b[i] : 0;
                    if (e == 'u') {
                        if (i + 4 >= end || !hex(b[i + 1]) || !hex(b[i + 2]) || !hex(b[i + 3]) || !hex(b[i + 4])) {
                            throw Unusual.INSTANCE;
                        }
                        i += 4;
                    } else if ("\"\\/bfnrt".indexOf(e) < 0 || e == 0) {
                        throw Unusual.INSTANCE;
                    }
                } else if (x < 0) {
                    i += utf8Continuations(i);
                } else if (x < 0x20) {
                    throw Unusual.INSTANCE;
                }
            }
            throw Unusual.INSTANCE;
        }

        /**
         * Checks the UTF-8 sequence whose lead byte is at {@code i}: as strict as Jackson or stricter, so
         * what it refuses EcsDecoder judges. The number of continuation bytes.
         */
        private int utf8Continuations(int i) throws Unusual {
            int lead = b[i] & 0xFF;
            int count = lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2 : lead >= 0xF0 && lead <= 0xF4 ? 3 : 0;
            if (count == 0 || i + count >= end) {
                throw Unusual.INSTANCE;
            }
            for (int k = 1; k <= count; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    throw Unusual.INSTANCE;
                }
            }
            return count;
        }

        /** Passes over a number of JSON syntax that starts with {@code c}. */
        private void skipNumber(int c) throws Unusual {
            if (c != '-' && (c < '0' || c > '9')) {
                throw Unusual.INSTANCE;
            }
            int start = p - 1;
            int i = c == '-' ? p : p - 1;
            int digits = digits(i);
            if (digits == 0 || (b[i] == '0' && digits > 1)) {
                throw Unusual.INSTANCE;
            }
            i += digits;
            if (i < end && b[i] == '.') {
                int fraction = digits(i + 1);
                if (fraction == 0) {
                    throw Unusual.INSTANCE;
                }
                i += 1 + fraction;
            }
            if (i < end && (b[i] == 'e' || b[i] == 'E')) {
                i++;
                if (i < end && (b[i] == '+' || b[i] == '-')) {
                    i++;
                }
                int exponent = digits(i);
                if (exponent == 0) {
                    throw Unusual.INSTANCE;
                }
                i += exponent;
            }
            if (i - start > StreamReadConstraints.DEFAULT_MAX_NUM_LEN) {
                throw Unusual.INSTANCE;
            }
            p = i;
        }

        private int digits(int from) {
            int i = from;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            return i - from;
        }

        private void enter() throws Unusual {
            if (++depth >= limits.maxDepth()) {
                throw Unusual.INSTANCE;
            }
        }

        /** The next byte that is not JSON whitespace, consumed; -1 at the end. */
        private int next() {
            while (p < end) {
                byte x = b[p++];
                if (x != ' ' && x != '\n' && x != '\r' && x != '\t') {
                    return x;
                }
            }
            return -1;
        }

        private static boolean hex(byte x) {
            return (x >= '0' && x <= '9') || (x >= 'a' && x <= 'f') || (x >= 'A' && x <= 'F');
        }
    }
}
