package io.ncwatch.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ncwatch.decode.MalformedEventException.Reason;
import io.ncwatch.eql.analysis.FieldSlots;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class EcsDecoderTest {
    private static final String TS = "\"@timestamp\":\"2026-11-28T06:12:44.318Z\"";
    private static final long TS_MILLIS = 1795846364318L;

    /** The decoded values of {@code paths} in {@code json}, by path (absent ones included as null). */
    private static Map<String, Object> decode(String json, String... paths) throws MalformedEventException {
        return decode(json, DecodeLimits.DEFAULT, paths);
    }

    private static Map<String, Object> decode(String json, DecodeLimits limits, String... paths) throws MalformedEventException {
        FieldSlots slots = new FieldSlots();
        for (String path : paths) {
            slots.slotOf(path);
        }
        DecodedEvent event = new EcsDecoder(slots, limits).decode(bytes(json), 0, bytes(json).length);
        Map<String, Object> values = new LinkedHashMap<>();
        for (String path : paths) {
            values.put(path, event.value(slots.find(path)));
        }
        return values;
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void nestedDottedAndMixedSpellingsAreTheSameField() throws Exception {
        assertThat(decode("{" + TS + ",\"process\":{\"name\":\"nc\"}}", "process.name")).containsEntry("process.name", "nc");
        assertThat(decode("{" + TS + ",\"process.name\":\"nc\"}", "process.name")).containsEntry("process.name", "nc");
        assertThat(decode("{" + TS + ",\"container\":{\"image.name\":\"api\"}}", "container.image.name"))
                .containsEntry("container.image.name", "api");
        assertThat(decode("{" + TS + ",\"container.image\":{\"name\":\"api\"}}", "container.image.name"))
                .containsEntry("container.image.name", "api");
        assertThat(decode("{" + TS + ",\"a\":{\"b.c\":{\"d\":1}}}", "a.b.c.d")).containsEntry("a.b.c.d", 1L);
    }

    @Test
    void aFieldSpelledTwiceMergesIntoAList() throws Exception {
        String json = "{" + TS + ",\"process.name\":\"nc\",\"process\":{\"name\":\"ncat\",\"args\":[\"x\"]},\"process.args\":\"y\"}";
        assertThat(decode(json, "process.name", "process.args"))
                .containsEntry("process.name", List.of("nc", "ncat"))
                .containsEntry("process.args", List.of("x", "y"));
    }

    @Test
    void arraysGiveListsWithoutNullsOneValueIsAScalarAndNoneIsAbsent() throws Exception {
        String json = "{" + TS + ",\"a\":[\"x\",null,[\"y\",[1]]],\"b\":[\"only\"],\"c\":[],\"d\":[null],\"e\":null}";
        assertThat(decode(json, "a", "b", "c", "d", "e"))
                .containsEntry("a", List.of("x", "y", 1L))
                .containsEntry("b", "only")
                .containsEntry("c", null)
                .containsEntry("d", null)
                .containsEntry("e", null);
    }

    @Test
    void aNullValueOfTheMappingStandsInForEachJsonNullOfItsField() throws Exception {
        FieldSlots slots = new FieldSlots();
        int a = slots.slotOf("a");
        int b = slots.slotOf("b");
        byte[] json = bytes("{" + TS + ",\"a\":[\"x\",null],\"b\":null}");

        DecodedEvent event = new EcsDecoder(slots, new Object[] {"NULL", -1L}, DecodeLimits.DEFAULT).decode(json, 0, json.length);

        assertThat(event.value(a)).isEqualTo(List.of("x", "NULL"));
        assertThat(event.value(b)).isEqualTo(-1L);
    }

    @Test
    void arraysOfObjectsFlattenAsElasticsearchObjectMappingDoes() throws Exception {
        String json = "{" + TS + ",\"process\":{\"previous\":[{\"args\":[\"sh\",\"-c\"],\"executable\":\"/bin/sh\"},"
                + "{\"args\":[\"nc\"]},{\"executable\":\"/x\"}]}}";
        assertThat(decode(json, "process.previous.args", "process.previous.executable"))
                .containsEntry("process.previous.args", List.of("sh", "-c", "nc"))
                .containsEntry("process.previous.executable", List.of("/bin/sh", "/x"));
    }

    @Test
    void scalarsKeepTheirJsonTypes() throws Exception {
        String json = "{" + TS + ",\"i\":42,\"neg\":-7,\"f\":1.5,\"whole\":2.0,\"exp\":1e3,\"big\":123456789012345678901234567890,"
                + "\"t\":true,\"no\":false,\"s\":\"str\",\"esc\":\"\\u006ec\\n\\\"\"}";
        assertThat(decode(json, "i", "neg", "f", "whole", "exp", "big", "t", "no", "s", "esc"))
                .containsEntry("i", 42L)
                .containsEntry("neg", -7L)
                .containsEntry("f", 1.5)
                .containsEntry("whole", 2.0)
                .containsEntry("exp", 1000.0)
                .containsEntry("big", 1.2345678901234568e29)
                .containsEntry("t", true)
                .containsEntry("no", false)
                .containsEntry("s", "str")
                .containsEntry("esc", "nc\n\"");
        assertThat(decode("{" + TS + ",\"max\":9223372036854775807,\"over\":9223372036854775808}", "max", "over"))
                .containsEntry("max", Long.MAX_VALUE)
                .containsEntry("over", 9.223372036854775808e18);
    }

    @Test
    void unslottedFieldsAndSubtreesAreNotDecoded() throws Exception {
        String json = "{" + TS + ",\"process\":{\"parent\":{\"name\":\"bash\"},\"name\":\"nc\"},"
                + "\"other\":{\"deep\":[{\"x\":\"\\uD800\"}]}}";
        assertThat(decode(json, "process.name", "process.parent.pid"))
                .containsEntry("process.name", "nc")
                .containsEntry("process.parent.pid", null);
        // a value where an object was expected: no value
        assertThat(decode("{" + TS + ",\"host\":\"h\"}", "host.name")).containsEntry("host.name", null);
        // an object where a value was expected: skipping it would hide the field, as if it were absent
        assertRejected("{" + TS + ",\"a\":{\"x\":1}}", Reason.WRONG_TYPE, "a is an object, expected a value");
        assertRejected("{" + TS + ",\"a\":[\"nc\",{\"x\":1}]}", Reason.WRONG_TYPE, "a is an object");
    }

    @Test
    void theDecoderSeesOnlySlotsRegisteredBeforeItWasBuilt() throws Exception {
        FieldSlots slots = new FieldSlots();
        slots.slotOf("a");
        EcsDecoder decoder = new EcsDecoder(slots, DecodeLimits.DEFAULT);
        int late = slots.slotOf("b");
        byte[] json = bytes("{" + TS + ",\"a\":1,\"b\":2}");
        DecodedEvent event = decoder.decode(json, 0, json.length);
        assertThat(event.value(0)).isEqualTo(1L);
        assertThatThrownBy(() -> event.value(late)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void decodesASliceOfALargerBuffer() throws Exception {
        FieldSlots slots = new FieldSlots();
        slots.slotOf("a");
        byte[] buffer = bytes("garbage{" + TS + ",\"a\":\"x\"}garbage");
        DecodedEvent event = new EcsDecoder(slots, DecodeLimits.DEFAULT).decode(buffer, 7, buffer.length - 14);
        assertThat(event.value(0)).isEqualTo("x");
        assertThat(event.timestampMillis()).isEqualTo(TS_MILLIS);
        byte[] bad = bytes("garbage{\"a\":}");
        assertThatThrownBy(() -> new EcsDecoder(slots, DecodeLimits.DEFAULT).decode(bad, 7, bad.length - 7))
                .hasMessageEndingWith("(at byte 5)");
    }

    @Test
    void timestampsInIsoFormsAndEpochMillis() throws Exception {
        assertThat(timestamp("\"2026-11-28T06:12:44.318Z\"")).isEqualTo(TS_MILLIS);
        assertThat(timestamp("\"2026-11-28T06:12:44.318123456Z\"")).isEqualTo(TS_MILLIS);
        assertThat(timestamp("\"2026-11-28T06:12:44.3Z\"")).isEqualTo(TS_MILLIS - 18);
        assertThat(timestamp("\"2026-11-28T08:12:44.318+02:00\"")).isEqualTo(TS_MILLIS);
        assertThat(timestamp("\"2026-11-28T08:12:44.318+0200\"")).isEqualTo(TS_MILLIS);
        assertThat(timestamp("\"2026-11-28T01:12:44.318-05\"")).isEqualTo(TS_MILLIS);
        assertThat(timestamp("\"2026-11-28T06:12:44.318\"")).isEqualTo(TS_MILLIS);
        assertThat(timestamp("\"2026-11-28T06:12Z\"")).isEqualTo(TS_MILLIS - 44318);
        assertThat(timestamp("\"2026-11-28\"")).isEqualTo(TS_MILLIS - (6 * 3600 + 12 * 60 + 44) * 1000L - 318);
        assertThat(EcsTimestamp.toEpochMillis("1969-12-31T23:59:59.999Z")).isEqualTo(-1L);
        assertThat(timestamp(String.valueOf(TS_MILLIS))).isEqualTo(TS_MILLIS);
        assertThat(timestamp("\"" + TS_MILLIS + "\"")).isEqualTo(TS_MILLIS);
    }

    private static long timestamp(String json) throws MalformedEventException {
        byte[] bytes = bytes("{\"@timestamp\":" + json + "}");
        return new EcsDecoder(new FieldSlots(), DecodeLimits.DEFAULT).decode(bytes, 0, bytes.length).timestampMillis();
    }

    @Test
    void aSlottedTimestampIsAlsoAValue() throws Exception {
        assertThat(decode("{" + TS + "}", "@timestamp")).containsEntry("@timestamp", "2026-11-28T06:12:44.318Z");
    }

    @Test
    void missingAndBadTimestamps() {
        assertRejected("{\"a\":1}", Reason.MISSING_TIMESTAMP, "the event has no @timestamp");
        assertRejected("{\"@timestamp\":null}", Reason.MISSING_TIMESTAMP, "no @timestamp");
        assertRejected("{\"event\":{\"@timestamp\":\"2026-11-28T06:12:44Z\"}}", Reason.MISSING_TIMESTAMP, "no @timestamp");
        assertRejected("{\"@timestamp\":\"1969-12-31T23:59:59.999Z\"}", Reason.BAD_TIMESTAMP, "-1 ms since the epoch is before 1970");
        assertRejected("{\"@timestamp\":\"2100-01-01T00:00:00Z\"}", Reason.BAD_TIMESTAMP, "from the year 2100 on");
        assertRejected("{\"@timestamp\":9223372036854775807}", Reason.BAD_TIMESTAMP, "from the year 2100 on");
        assertRejected("{\"@timestamp\":\"yesterday\"}", Reason.BAD_TIMESTAMP,
                "@timestamp \"yesterday\" is not an ISO-8601 date-time or epoch milliseconds: expected 4 digits of the year at position 1");
        assertRejected("{\"@timestamp\":\"2026-02-30T00:00:00Z\"}", Reason.BAD_TIMESTAMP, "Invalid date 'FEBRUARY 30'");
        assertRejected("{\"@timestamp\":\"2026-11-28T24:00:00Z\"}", Reason.BAD_TIMESTAMP, "hour 24 is over 23");
        assertRejected("{\"@timestamp\":\"2026-11-28T06:12:44.Z\"}", Reason.BAD_TIMESTAMP, "1 to 9 digits of the fraction");
        assertRejected("{\"@timestamp\":\"2026-11-28T06:12:44Z junk\"}", Reason.BAD_TIMESTAMP, "unexpected ' ' at position 21");
        assertRejected("{\"@timestamp\":\"2026-11-28 06:12:44\"}", Reason.BAD_TIMESTAMP, "expected 'T', 'Z', '+' or '-'");
        assertRejected("{\"@timestamp\":\"99999999999999999999\"}", Reason.BAD_TIMESTAMP, "epoch milliseconds out of range");
        assertRejected("{\"@timestamp\":\"\"}", Reason.BAD_TIMESTAMP, "@timestamp \"\" is not");
        assertRejected("{\"@timestamp\":1.5}", Reason.BAD_TIMESTAMP, "@timestamp is a number, expected an ISO-8601 string or whole epoch milliseconds");
        assertRejected("{\"@timestamp\":true}", Reason.BAD_TIMESTAMP, "@timestamp is a boolean");
        assertRejected("{\"@timestamp\":[\"2026-11-28T06:12:44Z\"]}", Reason.BAD_TIMESTAMP, "@timestamp is an array");
        assertRejected("{\"@timestamp\":{\"x\":1}}", Reason.BAD_TIMESTAMP, "@timestamp is an object");
        assertRejected("{" + TS + "," + TS + "}", Reason.BAD_TIMESTAMP, "more than one @timestamp");
    }

    @Test
    void notJson() {
        assertRejected("", Reason.NOT_JSON, "the event is empty");
        assertRejected("   ", Reason.NOT_JSON, "the event is empty");
        assertRejected("{" + TS + ",\"a\":}", Reason.NOT_JSON, "Unexpected character ('}'");
        assertRejected("{" + TS + ",\"a\":1", Reason.NOT_JSON, "end-of-input");
        assertRejected("{" + TS + "} {}", Reason.NOT_JSON, "more data after the event's closing brace, at byte 42");
        assertRejected("{" + TS + ",\"s\":\"\\x\"}", Reason.NOT_JSON, "Unrecognized character escape 'x'");
        assertRejected("{" + TS + ",\"a\":1 // comment\n}", Reason.NOT_JSON, "maybe a (non-standard) comment");
    }

    @Test
    void invalidUtf8IsNotJsonWhetherTheFieldIsDecodedOrSkipped() {
        byte[] slotted = bytes("{" + TS + ",\"a\":\"x?\"}");
        slotted[slotted.length - 3] = (byte) 0xFF;
        assertRejected(slotted, Reason.NOT_JSON, "Invalid UTF-8 start byte 0xff");
        byte[] skipped = bytes("{" + TS + ",\"b\":\"x?\"}");
        skipped[skipped.length - 3] = (byte) 0xC3;
        assertRejected(skipped, Reason.NOT_JSON, "Invalid UTF-8 middle byte");
        assertRejected("{\"a\":1}".getBytes(StandardCharsets.UTF_16BE), Reason.NOT_JSON, "not UTF-8");
        assertRejected("{\"a\":1}".getBytes(StandardCharsets.UTF_16), Reason.NOT_JSON, "not UTF-8");
    }

    @Test
    void theTopLevelMustBeAnObject() {
        assertRejected("[{" + TS + "}]", Reason.NOT_AN_OBJECT, "the event is an array, not a JSON object");
        assertRejected("\"text\"", Reason.NOT_AN_OBJECT, "the event is a string, not a JSON object");
        assertRejected("42", Reason.NOT_AN_OBJECT, "the event is a number");
        assertRejected("null", Reason.NOT_AN_OBJECT, "the event is null");
    }

    @Test
    void limits() {
        DecodeLimits small = new DecodeLimits(100, 3, 5);
        assertRejected("{" + TS + ",\"b\":\"" + "x".repeat(60) + "\"}", small, Reason.TOO_LARGE,
                "the event is 108 bytes, over the limit of 100 bytes");
        assertRejected("{" + TS + ",\"b\":{\"c\":[[1]]}}", small, Reason.TOO_DEEP, "nesting depth (4) exceeds the maximum allowed (3");
        assertRejected("{" + TS + ",\"a\":[[[1]]]}", small, Reason.TOO_DEEP, "nesting depth (4)");
        assertRejected("{" + TS + ",\"a\":\"123456\"}", small, Reason.VALUE_TOO_LONG, "the value of a is 6 characters, over the limit of 5");
        assertRejected("{" + TS + ",\"n\":" + "1".repeat(1001) + "}", Reason.VALUE_TOO_LONG, "Number value length (1001) exceeds");
        assertRejected("{" + TS + ",\"" + "k".repeat(50_001) + "\":1}", Reason.VALUE_TOO_LONG, "Name length (50001) exceeds");
        assertThatThrownBy(() -> new DecodeLimits(1 << 20, 1001, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxDepth must be 1..1000, got 1001");
    }

    @Test
    void withinLimitsIsAccepted() throws Exception {
        DecodeLimits small = new DecodeLimits(100, 3, 5);
        assertThat(decode("{" + TS + ",\"a\":\"12345\",\"b\":{\"c\":[1]},\"z\":\"" + "x".repeat(20) + "\"}", small, "a", "b.c"))
                .containsEntry("a", "12345")
                .containsEntry("b.c", 1L);
    }

    @Test
    void theMessageNamesTheReasonAndTheDetail() {
        MalformedEventException e = new MalformedEventException(Reason.NOT_AN_OBJECT, "the event is an array, not a JSON object");
        assertThat(e.getMessage()).isEqualTo("NOT_AN_OBJECT: the event is an array, not a JSON object");
    }

    private static void assertRejected(String json, Reason reason, String detail) {
        assertRejected(bytes(json), DecodeLimits.DEFAULT, reason, detail);
    }

    private static void assertRejected(byte[] json, Reason reason, String detail) {
        assertRejected(json, DecodeLimits.DEFAULT, reason, detail);
    }

    private static void assertRejected(String json, DecodeLimits limits, Reason reason, String detail) {
        assertRejected(bytes(json), limits, reason, detail);
    }

    private static void assertRejected(byte[] json, DecodeLimits limits, Reason reason, String detail) {
        FieldSlots slots = new FieldSlots();
        slots.slotOf("a");
        ThrowingCallable decoding = () -> new EcsDecoder(slots, limits).decode(json, 0, json.length);
        assertThatThrownBy(decoding)
                .isInstanceOfSatisfying(MalformedEventException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.detail()).contains(detail);
                });
    }
}
