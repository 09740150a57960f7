package io.ncwatch.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.eql.FieldSlots;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The event time read at the source: the decoder's, for every event the decoder accepts; none for the others. */
class EventTimestampTest {
    private static final EcsDecoder DECODER = new EcsDecoder(new FieldSlots(), DecodeLimits.DEFAULT);

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"@timestamp\":\"2026-11-28T06:12:44.318Z\",\"process\":{\"name\":\"nc\"}}",
        "{\"process\":{\"name\":\"nc\",\"@timestamp\":\"1999-01-01T00:00:00Z\"},\"@timestamp\":\"2026-11-28T06:12:44+01:00\"}",
        "{\"@timestamp\":1795846364318}",
        "{\"@timestamp\":null,\"a\":[1,{\"b\":2}],\"@timestamp\":\"2026-11-28\"}",
    })
    void theDecodersEventTime(String json) throws MalformedEventException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(EventTimestamp.of(bytes)).isEqualTo(DECODER.decode(bytes, 0, bytes.length).timestampMillis());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "[]", "42", "{\"@timestamp\":", "{\"a\":1}", "{\"@timestamp\":null}", "{\"@timestamp\":\"yesterday\"}",
        "{\"@timestamp\":\"9999-12-31T23:59:59Z\"}", "{\"@timestamp\":-1}", "{\"@timestamp\":9223372036854775807}",
        "{\"@timestamp\":{\"when\":\"now\"}}", "{\"@timestamp\":true}", "{\"@timestamp\":[\"2026-11-28T06:12:44Z\"]}",
        "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],"
                + "\"@timestamp\":\"2026-11-28T06:12:44Z\"}",
    })
    void noneForInputTheDecoderRefuses(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(EventTimestamp.of(bytes)).isEqualTo(EventTimestamp.NONE);
    }

    @Test
    void noneForAnEventOverTheSizeLimit() {
        String json = "{\"@timestamp\":\"2026-11-28T06:12:44Z\",\"a\":\"" + "x".repeat(DecodeLimits.DEFAULT.maxEventBytes()) + "\"}";
        assertThat(EventTimestamp.of(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(EventTimestamp.NONE);
    }
}
