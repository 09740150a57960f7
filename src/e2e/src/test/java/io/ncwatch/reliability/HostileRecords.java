package io.ncwatch.reliability;

import io.ncwatch.decode.RawTimestamp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Malformed and hostile input records, seeded: each with its kind and the dead-letter reason the job
 * must give it, or none for a record the job must judge like any other (no {@code container.id}, EQL's
 * special characters in values).
 */
final class HostileRecords {

    /**
     * @param reason the dead-letter reason expected, or null: judged, not dead-lettered
     * @param alertEventId the {@code event.id} of a netcat listener the job must alert on, or null
     */
    record Hostile(String kind, String reason, byte[] bytes, String alertEventId) {}

    /** Fields the job reads and a value of a type ECS does not give them. */
    private static final List<String[]> WRONG_TYPES = List.of(
            new String[] {"container", "\"id\":{\"nested\":\"c1\"}"},
            new String[] {"container", "\"id\":[\"c1\",\"c2\"]"},
            new String[] {"process", "\"pid\":\"four\""},
            new String[] {"process", "\"pid\":1.5"},
            new String[] {"process", "\"pid\":{\"value\":1}"},
            new String[] {"process", "\"pid\":[1,2]"},
            new String[] {"process", "\"entity_id\":{\"a\":1}"},
            new String[] {"process", "\"name\":{\"a\":\"nc\"}"},
            new String[] {"process", "\"executable\":[\"/bin/nc\",\"/bin/sh\"]"},
            new String[] {"process", "\"parent\":{\"pid\":\"one\"}"},
            new String[] {"process", "\"parent\":{\"entity_id\":[\"a\",\"b\"]}"},
            new String[] {"process", "\"user\":{\"id\":{\"uid\":0}}"},
            new String[] {"event", "\"id\":{\"a\":1}"},
            new String[] {"event", "\"action\":[\"exec\",\"fork\"]"},
            new String[] {"source", "\"port\":\"http\""},
            new String[] {"source", "\"ip\":{\"v4\":\"10.0.0.1\"}"},
            new String[] {"destination", "\"port\":65536.5"},
            new String[] {"@timestamp", "{\"when\":\"now\"}"});

    private static final List<String> ABSURD_TIMESTAMPS = List.of(
            "\"99999-01-01T00:00:00Z\"", "\"2026-13-45T25:61:61Z\"", "\"yesterday\"", "\"\"", "-1", "1e400",
            "\"9999-12-31T23:59:59Z\"", "9223372036854775807", "\"0001-01-01T00:00:00Z\"", "true", "[]");

    private static final List<String> NOT_OBJECTS = List.of(
            "[]", "[{\"@timestamp\":\"2026-11-28T06:00:00Z\"}]", "42", "\"a string\"", "null", "true", "-0.5e3");

    private static final String EQL_SPECIALS = "*?\\\"'`:()[]{}~|&!=<>,;/*+-%$#@^ \\n\\t\\u0000\\u2028 nc* ?c";

    private final Random random;
    private int serial;
    private String now;

    HostileRecords(long seed) {
        this.random = new Random(seed);
    }

    /**
     * One hostile record for each of NEIGHBOURS, of every kind, in a seeded order: NEIGHBOURS are the
     * valid events the records will follow. A record takes its neighbour's event time, and a truncated one
     * is its neighbour cut short, so that the records are as much in order as the traffic around them
     * (out of order by more than the watermark's bound, any event is late for the correlation).
     */
    List<Hostile> make(List<byte[]> neighbours) {
        List<Hostile> records = new ArrayList<>(neighbours.size());
        for (int i = 0; i < 3; i++) {
            next(neighbours, records);
            records.add(new Hostile("10 MB string", "TOO_LARGE", tenMegabyteString(), null));
        }
        for (int i = 0; i < 5; i++) {
            next(neighbours, records);
            records.add(new Hostile("100,000-deep nesting", "TOO_DEEP", deepNesting(i % 2 == 0), null));
        }
        while (records.size() < neighbours.size()) {
            byte[] neighbour = next(neighbours, records);
            records.add(switch (random.nextInt(8)) {
                case 0 -> truncated(neighbour);
                case 1 -> invalidUtf8();
                case 2 -> new Hostile("not an object", "NOT_AN_OBJECT", utf8(NOT_OBJECTS.get(random.nextInt(NOT_OBJECTS.size()))), null);
                case 3 -> wrongType();
                case 4 -> new Hostile("missing @timestamp", "MISSING_TIMESTAMP", utf8(event(null, "c-" + serial, "sleep", "1", null)), null);
                case 5 -> absurdTimestamp();
                case 6 -> missingContainerId();
                default -> eqlSpecials();
            });
        }
        return records;
    }

    private Hostile absurdTimestamp() {
        String timestamp = ABSURD_TIMESTAMPS.get(random.nextInt(ABSURD_TIMESTAMPS.size()));
        return new Hostile("absurd @timestamp " + timestamp, "BAD_TIMESTAMP", utf8(event(timestamp, "c-" + serial, "sleep", "1", null)), null);
    }

    private Hostile truncated(byte[] event) {
        return new Hostile("truncated JSON", "NOT_JSON", Arrays.copyOf(event, 1 + random.nextInt(event.length - 1)), null);
    }

    /** Bytes that are not UTF-8 inside the value of a field the job reads or of one it skips. */
    private Hostile invalidUtf8() {
        String marker = "\u0001BAD\u0001";
        boolean read = random.nextBoolean();
        String json = read
                ? event(now(), "c-" + serial, "nc" + marker, "-l", null)
                : event(now(), "c-" + serial, "sleep", "1", "\"labels\":{\"note\":\"" + marker + "\"}");
        byte[] bytes = utf8(json);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace(marker, new String(bad, StandardCharsets.ISO_8859_1));
        return new Hostile("invalid UTF-8 in a field " + (read ? "the job reads" : "it skips"), "NOT_JSON", text.getBytes(StandardCharsets.ISO_8859_1), null);
    }

    private Hostile wrongType() {
        String[] field = WRONG_TYPES.get(random.nextInt(WRONG_TYPES.size()));
        String json = field[0].equals("@timestamp")
                ? event(field[1], "c-" + serial, "sleep", "1", null)
                : event(now(), "c-" + serial, "sleep", "1", "\"" + field[0] + "\":{" + field[1] + "}");
        return new Hostile("wrong type of " + field[0] + "." + field[1].substring(1, field[1].indexOf('"', 1)),
                field[0].equals("@timestamp") ? "BAD_TIMESTAMP" : "WRONG_TYPE", utf8(json), null);
    }

    /** A netcat listener without {@code container.id}: judged, and not alerted (the rule asks for a container). */
    private Hostile missingContainerId() {
        return new Hostile("missing container.id", null, utf8(event(now(), null, "nc", "-lvnp", null)), null);
    }

    /** A netcat listener whose other arguments hold EQL's special characters: alerted, characters taken literally. */
    private Hostile eqlSpecials() {
        String eventId = "hostile-eql-" + serial;
        if (random.nextBoolean()) {
            return new Hostile("EQL-special characters", null,
                    utf8(event(now(), "c-eql-" + serial, "nc", "-lvnp\",\"4444\",\"" + EQL_SPECIALS, null)), eventId);
        }
        // Wildcards in values are characters, not patterns: "n*" is not "nc".
        return new Hostile("EQL-special characters", null, utf8(event(now(), "c-eql-" + serial, "n*", "-l?" + EQL_SPECIALS, null)), null);
    }

    /**
     * A Defend for Containers exec event (its {@code event.id} is {@code hostile-eql-<serial>} for the
     * EQL-special ones and unique for all).
     *
     * @param timestamp JSON of {@code @timestamp}, or null for none
     * @param containerId null for none
     * @param arg the second argument, as JSON string content
     * @param extra JSON members added at the top level, or null
     */
    private String event(String timestamp, String containerId, String name, String arg, String extra) {
        int id = serial++;
        String eventId = containerId != null && containerId.startsWith("c-eql-") ? "hostile-eql-" + id : "hostile-" + id;
        return "{" + (timestamp == null ? "" : "\"@timestamp\":" + timestamp + ",")
                + "\"event\":{\"kind\":\"event\",\"category\":[\"process\"],\"type\":[\"start\"],\"action\":\"exec\",\"id\":\"" + eventId + "\"},"
                + "\"process\":{\"entity_id\":\"hostile-ent-" + id + "\",\"pid\":" + (1000 + id % 30000) + ",\"name\":\"" + name + "\","
                + "\"args\":[\"" + name + "\",\"" + arg + "\"],\"parent\":{\"pid\":1,\"name\":\"sh\"}}"
                + (containerId == null ? "" : ",\"container\":{\"id\":\"" + containerId + "\"}")
                + (extra == null ? "" : "," + extra) + "}";
    }

    /** The neighbour of the next record, whose event time {@link #now} gives from now on. */
    private byte[] next(List<byte[]> neighbours, List<Hostile> made) {
        byte[] neighbour = neighbours.get(made.size());
        now = Instant.ofEpochMilli(RawTimestamp.find(neighbour)).toString();
        return neighbour;
    }

    /** The neighbour's {@code @timestamp}, as JSON. */
    private String now() {
        return "\"" + now + "\"";
    }

    private byte[] tenMegabyteString() {
        char[] text = new char[10 * 1024 * 1024];
        Arrays.fill(text, 'A');
        return utf8(event(now(), "c-large-" + serial, "sleep", new String(text), null));
    }

    /** {@code {"a":[[[...]]]}} or {@code {"a":{"a":{...}}}}, 100,000 levels deep. */
    private byte[] deepNesting(boolean arrays) {
        int depth = 100_000;
        StringBuilder json = new StringBuilder("{\"@timestamp\":" + now() + ",\"a\":");
        json.append((arrays ? "[" : "{\"a\":").repeat(depth)).append("1").append((arrays ? "]" : "}").repeat(depth)).append('}');
        return utf8(json.toString());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
