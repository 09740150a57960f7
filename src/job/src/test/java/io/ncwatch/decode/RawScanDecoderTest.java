package io.ncwatch.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.eql.analysis.FieldSlots;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RawScanDecoderTest {
    private static final List<String> PATHS = List.of(
            "process.name", "process.args", "process.parent.pid", "container.id", "a.b.c", "a.b", "n", "@timestamp");
    private static final String[] SEGMENTS = {"process", "name", "args", "parent", "pid", "container", "id", "a", "b", "c", "n", "x"};
    private static final String[] TEXTS = {
        "nc", "", "a b", "\\\"q\\\"", "\\u006ec", "\\n", "é", "日本", "\\ud83d\\ude00", "\\\\", "/", "\\/", "\\x", "\u0001",
        "2026-11-28T06:12:44.318Z",
    };
    private static final String[] NUMBERS = {
        "0", "-0", "7", "-12", "123456789012345678", "1234567890123456789", "99999999999999999999", "1.5", "-2e3",
        "1E+2", "01", "1.", "-", ".5", "0.0",
    };
    private static final String[] TIMESTAMPS = {
        "\"2026-11-28T06:12:44.318Z\"", "1795846364318", "\"yesterday\"", "null", "-5", "1.5", "[\"2026-11-28T06:12:44Z\"]",
        "{}", "true", "\"2026-11-28T06:12:44.318+01:00\"",
    };

    private final FieldSlots slots = slots();
    private final EcsDecoder full = new EcsDecoder(slots, DecodeLimits.DEFAULT);
    private final RawScanDecoder scan = new RawScanDecoder(slots, DecodeLimits.DEFAULT);

    /**
     * Generated documents (nested, dotted and mixed keys, duplicates, escapes, characters beyond ASCII,
     * arrays, arrays of objects, numbers of every form, timestamps good and bad, and some of them cut
     * short or with a byte changed): the scan gives exactly the full decoder's values, or its error.
     */
    @Test
    void givesTheFullDecodersValuesOrErrorForGeneratedDocuments() {
        int scannedAlone = 0;
        for (int seed = 0; seed < 10_000; seed++) {
            Random random = new Random(seed);
            byte[] json = document(random).getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(5) == 0) {
                json = damaged(json, random);
            }
            assertThat(outcome(scan, json)).as("seed %d: %s", seed, new String(json, StandardCharsets.UTF_8))
                    .isEqualTo(outcome(full, json));
            if (scannedAlone(json)) {
                scannedAlone++;
            }
        }
        // the comparison above must not hold only because the scan handed everything to the full decoder
        assertThat(scannedAlone).isGreaterThan(500);
    }

    @Test
    void readsATypicalEcsEventAlone() throws Exception {
        String json = "{\"@timestamp\":\"2026-11-28T06:12:44.318Z\",\"agent\":{\"type\":\"cloud-defend\",\"version\":\"8.19.0\"},"
                + "\"container\":{\"id\":\"c1\",\"image\":{\"name\":\"nginx\"}},\"event\":{\"kind\":\"event\"},"
                + "\"process\":{\"name\":\"nc\",\"args\":[\"nc\",\"-lvp\",\"9999\"],\"parent\":{\"pid\":41,\"name\":\"sh\"},"
                + "\"env\":{\"PATH\":\"/bin\",\"ratio\":0.25,\"flags\":[true,false,null]}},\"labels\":{\"é\":\"日本\"}}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        DecodedEvent event = scan.scanned(bytes, 0, bytes.length);

        assertThat(event).isNotNull();
        assertThat(outcome(scan, bytes)).isEqualTo(outcome(full, bytes));
        assertThat(event.value(slots.find("process.args"))).isEqualTo(List.of("nc", "-lvp", "9999"));
        assertThat(event.value(slots.find("process.parent.pid"))).isEqualTo(41L);
    }

    private boolean scannedAlone(byte[] json) {
        try {
            return scan.scanned(json, 0, json.length) != null;
        } catch (MalformedEventException e) {
            return false;
        }
    }

    /** The values by slot and the event time, or the error's reason and detail. */
    private static String outcome(Object decoder, byte[] json) {
        try {
            DecodedEvent event = decoder instanceof EcsDecoder ecs
                    ? ecs.decode(json, 0, json.length)
                    : ((RawScanDecoder) decoder).decode(json, 0, json.length);
            return event.toString();
        } catch (MalformedEventException e) {
            return e.getMessage();
        }
    }

    private static FieldSlots slots() {
        FieldSlots slots = new FieldSlots();
        PATHS.forEach(slots::slotOf);
        return slots;
    }

    private static String document(Random random) {
        StringBuilder json = new StringBuilder("{");
        List<String> members = new ArrayList<>();
        if (random.nextInt(10) != 0) {
            members.add("\"@timestamp\":" + pick(random, TIMESTAMPS));
        }
        if (random.nextInt(10) == 0) {
            members.add("\"@timestamp\":" + pick(random, TIMESTAMPS));
        }
        int count = 1 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
            members.add(random.nextInt(members.size() + 1), member(random, 0));
        }
        json.append(String.join(random.nextBoolean() ? "," : " ,\n ", members));
        return json.append(random.nextInt(8) == 0 ? "} " : "}").toString();
    }

    private static String member(Random random, int depth) {
        return "\"" + key(random) + "\":" + value(random, depth);
    }

    /** One to three segments joined by dots: a nested, dotted or mixed spelling of a path. */
    private static String key(Random random) {
        StringBuilder key = new StringBuilder(pick(random, SEGMENTS));
        for (int i = random.nextInt(3); i > 0; i--) {
            key.append('.').append(pick(random, SEGMENTS));
        }
        return random.nextInt(50) == 0 ? key.insert(0, "\\u0070").toString() : key.toString();
    }

    private static String value(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 5 : 8);
        return switch (kind) {
            case 0, 1 -> "\"" + pick(random, TEXTS) + "\"";
            case 2 -> pick(random, NUMBERS);
            case 3 -> pick(random, new String[] {"true", "false", "null"});
            case 4 -> "\"" + pick(random, TEXTS) + pick(random, TEXTS) + "\"";
            case 5, 6 -> {
                List<String> members = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    members.add(member(random, depth + 1));
                }
                yield "{" + String.join(",", members) + "}";
            }
            default -> {
                List<String> elements = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    elements.add(value(random, depth + 1));
                }
                yield "[" + String.join(", ", elements) + "]";
            }
        };
    }

    /** Cut short, or one byte replaced by one that JSON gives a meaning, or by an invalid UTF-8 byte. */
    private static byte[] damaged(byte[] json, Random random) {
        int at = random.nextInt(json.length);
        if (random.nextBoolean()) {
            return java.util.Arrays.copyOf(json, at);
        }
        byte[] copy = json.clone();
        byte[] replacements = {'"', '{', '}', '[', ']', ',', ':', '\\', ' ', 'x', '0', (byte) 0xC3, (byte) 0xFF, 0x01};
        copy[at] = replacements[random.nextInt(replacements.length)];
        return copy;
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }
}
