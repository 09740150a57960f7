package io.ncwatch.eql;

import static io.ncwatch.eql.MapEvent.event;
import static io.ncwatch.eql.MapEvent.matches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.eql.analysis.FieldTypes;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Verdicts that depend on the field's type in the index mapping, as Elasticsearch 8.19 gives them. */
class FieldTypeVerdictsTest {
    /** 2026-11-28T06:00:00Z */
    private static final long NOV_28_6AM = 1_795_845_600_000L;

    @Nested
    class Dates {
        @Test
        void aStringLiteralIsParsedAsADate() {
            for (Object timestamp : List.of("2026-11-28T06:00:00Z", "2026-11-28T06:00:00.000Z", "2026-11-28T07:00:00+01:00",
                    "2026-11-28T06:00:00", NOV_28_6AM, String.valueOf(NOV_28_6AM), "2026-11-28T06:00:00.000999Z")) {
                Map<String, Object> e = event("@timestamp", timestamp);
                assertThat(matches("any where @timestamp == \"2026-11-28T06:00:00Z\"", e)).as("%s", timestamp).isTrue();
                assertThat(matches("any where @timestamp < \"2026-11-28T06:00:01Z\"", e)).as("%s", timestamp).isTrue();
                assertThat(matches("any where @timestamp > \"2026-11-28T06:00:00Z\"", e)).as("%s", timestamp).isFalse();
            }
        }

        @Test
        void aNumberLiteralIsEpochMillis() {
            Map<String, Object> e = event("@timestamp", "2026-11-28T06:00:00.001Z");
            assertThat(matches("any where @timestamp > " + NOV_28_6AM, e)).isTrue();
            assertThat(matches("any where @timestamp > " + (NOV_28_6AM + 1), e)).isFalse();
            assertThat(matches("any where @timestamp in (1, " + (NOV_28_6AM + 1) + ")", e)).isTrue();
        }

        @Test
        void partialDatesStartAtTheirFirstInstant() {
            Map<String, Object> e = event("@timestamp", "2026-11-28T00:00:00Z");
            assertThat(matches("any where @timestamp == \"2026-11-28\"", e)).isTrue();
            assertThat(matches("any where @timestamp >= \"2026\"", e)).isTrue();
        }

        @Test
        void aLiteralThatIsNoDateIsRefusedAsElasticsearchFailsTheSearch() {
            assertThatThrownBy(() -> matches("any where @timestamp > \"yesterday\"", event()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot compare field [@timestamp] of type [date] with [yesterday]: "
                            + "not a date in the format strict_date_optional_time||epoch_millis");
        }

        @Test
        void aDocumentValueThatIsNoDateMatchesNothing() {
            assertThat(matches("any where @timestamp > 0", event("@timestamp", "yesterday"))).isFalse();
        }

        @Test
        void patternsAndStringFunctionsAreRefusedOnADate() {
            assertThatThrownBy(() -> matches("any where @timestamp : \"2026-*\"", event()))
                    .hasMessage("a wildcard pattern needs a string field; [@timestamp] is of type [date]");
            assertThatThrownBy(() -> matches("any where @timestamp regex \"2026.*\"", event()))
                    .hasMessage("a regular expression needs a string field; [@timestamp] is of type [date]");
            assertThatThrownBy(() -> matches("any where startsWith(@timestamp, \"2026\")", event()))
                    .hasMessage("startsWith() needs a string field; [@timestamp] is of type [date]");
        }
    }

    @Nested
    class IpAddresses {
        @Test
        void equalAddressesMatchHoweverTheyAreSpelled() {
            assertThat(matches("any where source.ip == \"::1\"", event("source.ip", "0:0:0:0:0:0:0:1"))).isTrue();
            assertThat(matches("any where source.ip == \"10.0.0.1\"", event("source.ip", "::ffff:10.0.0.1"))).isTrue();
            assertThat(matches("any where source.ip : (\"10.0.0.2\", \"10.0.0.1\")", event("source.ip", "10.0.0.1"))).isTrue();
            assertThat(matches("any where source.ip == \"10.0.0.1\"", event("source.ip", "10.0.0.10"))).isFalse();
        }

        @Test
        void rangesCompareAddresses() {
            Map<String, Object> e = event("source.ip", "10.0.0.10");
            assertThat(matches("any where source.ip > \"10.0.0.9\"", e)).isTrue();
            assertThat(matches("any where source.ip < \"10.0.1.0\"", e)).isTrue();
            assertThat(matches("any where source.ip < \"::1\"", e)).isFalse();
        }

        @Test
        void cidrMatchStillReadsTheAddress() {
            assertThat(matches("any where cidrMatch(source.ip, \"10.0.0.0/8\")", event("source.ip", "10.0.0.10"))).isTrue();
        }

        @Test
        void aLiteralThatIsNoAddressIsRefused() {
            assertThatThrownBy(() -> matches("any where destination.ip == \"localhost\"", event()))
                    .hasMessage("cannot compare field [destination.ip] of type [ip] with [localhost]: not an IP string literal");
            assertThatThrownBy(() -> matches("any where destination.ip : \"10.*\"", event()))
                    .hasMessage("a wildcard pattern needs a string field; [destination.ip] is of type [ip]");
        }
    }

    @Nested
    class Numbers {
        @Test
        void aNumericStringInTheDocumentIsCoerced() {
            assertThat(matches("any where process.pid == 42", event("process.pid", "42"))).isTrue();
            assertThat(matches("any where process.pid > 41", event("process.pid", "42"))).isTrue();
            assertThat(matches("any where process.pid : \"42\"", event("process.pid", 42L))).isTrue();
        }

        @Test
        void aWholeNumberFieldTruncatesAFraction() {
            assertThat(matches("any where process.pid == 42", event("process.pid", 42.9))).isTrue();
            assertThat(matches("any where process.pid == 42", event("process.pid", "42.9"))).isTrue();
        }

        @Test
        void aLiteralThatIsNoNumberIsRefused() {
            assertThatThrownBy(() -> matches("any where process.pid == \"abc\"", event()))
                    .hasMessage("cannot compare field [process.pid] of type [long] with [abc]: not a number");
        }

        @Test
        void aDoubleFieldReadsWholeNumbersAsDoubles() throws IOException {
            EqlOptions options = options("{\"properties\": {\"score\": {\"type\": \"double\"}}}");
            assertThat(matches("any where score == 2", event("score", 2.0), options)).isTrue();
            assertThat(matches("any where score > 1.5", event("score", "2"), options)).isTrue();
            assertThat(matches("any where score == 2", event("score", 2.5), options)).isFalse();
        }
    }

    @Nested
    class Keywords {
        @Test
        void aNumberInTheDocumentIsIndexedAsItsText() {
            assertThat(matches("any where user.id == \"0\"", event("user.id", 0L))).isTrue();
            assertThat(matches("any where user.id : \"1*\"", event("user.id", 1000L))).isTrue();
            assertThat(matches("any where user.id < \"2\"", event("user.id", 10L))).isTrue();
        }

        @Test
        void aBooleanFieldReadsTrueAndFalseStrings() {
            assertThat(matches("any where process.interactive == true", event("process.interactive", "true"))).isTrue();
            assertThat(matches("any where process.interactive", event("process.interactive", "true"))).isTrue();
            assertThat(matches("any where process.interactive == false", event("process.interactive", ""))).isTrue();
            assertThat(matches("any where process.interactive == false", event("process.interactive", "no"))).isFalse();
        }
    }

    @Nested
    class Versions {
        private final EqlOptions options = options("{\"properties\": {\"v\": {\"type\": \"version\"}}}");

        private boolean v(String query, String version) {
            return matches("any where v " + query, event("v", version), options);
        }

        @Test
        void numbersCompareNumerically() {
            assertThat(v("> \"1.9.0\"", "1.10.0")).isTrue();
            assertThat(v("< \"2\"", "1.10.0")).isTrue();
            assertThat(v("> \"1.10.0\"", "1.10.0.1")).isTrue();
        }

        @Test
        void aPreReleaseComesBeforeItsRelease() {
            assertThat(v("< \"1.0.0\"", "1.0.0-alpha")).isTrue();
            assertThat(v("< \"1.0.0-alpha.10\"", "1.0.0-alpha.2")).isTrue();
            assertThat(v("< \"1.0.0-alpha.beta\"", "1.0.0-alpha.1")).isTrue();
        }

        @Test
        void aTextThatIsNoVersionComesAfterEveryVersion() {
            assertThat(v("> \"999.0.0\"", "latest")).isTrue();
            assertThat(v("== \"latest\"", "latest")).isTrue();
            assertThat(v("> \"1.0\"", "1.02")).isTrue();
        }
    }

    private static EqlOptions options(String mapping) {
        try {
            return new EqlOptions(1024, FieldTypes.parse(new ObjectMapper().readTree(mapping)));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
