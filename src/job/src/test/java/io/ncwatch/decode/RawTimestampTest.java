package io.ncwatch.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawTimestampTest {
    private static final long MILLIS = 1795846364318L;

    private static long find(String json) {
        return RawTimestamp.find(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheTopLevelTimestampWhereverItIs() {
        assertThat(find("{\"@timestamp\":\"2026-11-28T06:12:44.318Z\",\"event\":{\"id\":\"e1\"}}")).isEqualTo(MILLIS);
        assertThat(find("{\"event\":{\"@timestamp\":\"2000-01-01T00:00:00Z\",\"ids\":[1,{\"a\":2}]},"
                + "\"@timestamp\":\"2026-11-28T07:12:44.318+01:00\"}")).as("not the nested one").isEqualTo(MILLIS);
        assertThat(find("{\"@timestamp\":" + MILLIS + "}")).as("epoch milliseconds").isEqualTo(MILLIS);
        assertThat(find("{\"@timestamp\":\"" + MILLIS + "\"}")).as("epoch milliseconds as text").isEqualTo(MILLIS);
    }

    @Test
    void inputTheDecoderRejectsHasNone() {
        assertThat(find("{\"event\":{\"@timestamp\":\"2026-11-28T06:12:44Z\"}}")).isEqualTo(RawTimestamp.NONE);
        assertThat(find("{\"@timestamp\":\"yesterday\"}")).isEqualTo(RawTimestamp.NONE);
        assertThat(find("{\"@timestamp\":true}")).isEqualTo(RawTimestamp.NONE);
        assertThat(find("{\"@timestamp\":\"2100-01-01T00:00:00Z\"}")).as("far future").isEqualTo(RawTimestamp.NONE);
        assertThat(find("{\"@timestamp\":-1}")).as("before 1970").isEqualTo(RawTimestamp.NONE);
        assertThat(find("[{\"@timestamp\":\"2026-11-28T06:12:44Z\"}]")).isEqualTo(RawTimestamp.NONE);
        assertThat(find("this is not JSON")).isEqualTo(RawTimestamp.NONE);
        assertThat(find("{\"a\":")).isEqualTo(RawTimestamp.NONE);
        assertThat(find("")).isEqualTo(RawTimestamp.NONE);
    }
}
