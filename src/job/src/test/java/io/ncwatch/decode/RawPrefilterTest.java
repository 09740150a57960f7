package io.ncwatch.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.eql.runtime.Needle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RawPrefilterTest {
    private static final Needle NC_EXACT_ANY_CASE = new Needle("nc", true, true, true);

    private static boolean mayMatch(RawPrefilter filter, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return filter.mayMatch(bytes, 0, bytes.length);
    }

    private static RawPrefilter filter(Needle... needles) {
        return new RawPrefilter(List.of(needles));
    }

    @Test
    void findsAnchoredNeedlesWithoutCase() {
        RawPrefilter filter = filter(NC_EXACT_ANY_CASE, new Needle("netcat", true, true, true));
        assertThat(mayMatch(filter, "{\"process\":{\"name\":\"nc\"}}")).isTrue();
        assertThat(mayMatch(filter, "{\"process\":{\"args\":[\"x\",\"NC\"]}}")).isTrue();
        assertThat(mayMatch(filter, "{\"process\":{\"name\":\"NetCat\"}}")).isTrue();
        assertThat(mayMatch(filter, "{\"process\":{\"name\":\"ncat\"}}")).isFalse();
        assertThat(mayMatch(filter, "{\"process\":{\"name\":\"sync\"}}")).isFalse();
        assertThat(mayMatch(filter, "{\"process\":{\"name\":\"nc \"}}")).isFalse();
        assertThat(mayMatch(filter, "{\"process\":{\"command_line\":\"nc -l\"}}")).isFalse();
    }

    @Test
    void anchorsAreQuotes() {
        String json = "{\"a\":\"xncx\",\"b\":\"ncx\",\"c\":\"xnc\"}";
        assertThat(mayMatch(filter(new Needle("nc", false, false, false)), json)).isTrue();
        assertThat(mayMatch(filter(new Needle("nc", true, false, false)), json)).isTrue();
        assertThat(mayMatch(filter(new Needle("nc", false, true, false)), json)).isTrue();
        assertThat(mayMatch(filter(new Needle("nc", true, true, false)), json)).isFalse();
        assertThat(mayMatch(filter(new Needle("ncx", false, true, false)), "{\"a\":\"ncxy\"}")).isFalse();
        assertThat(mayMatch(filter(new Needle("xnc", true, false, false)), "{\"a\":\"yxnc\"}")).isFalse();
    }

    @Test
    void caseSensitiveNeedlesKeepTheirCase() {
        RawPrefilter filter = filter(new Needle("Nc", false, false, false));
        assertThat(mayMatch(filter, "{\"a\":\"xNcx\"}")).isTrue();
        assertThat(mayMatch(filter, "{\"a\":\"xncx\"}")).isFalse();
        assertThat(mayMatch(filter, "{\"a\":\"xNCx\"}")).isFalse();
    }

    @Test
    void aNeedleAtTheVeryEndOfTheSliceAndNotBeyondIt() {
        RawPrefilter filter = filter(new Needle("c", false, false, false));
        byte[] bytes = "ab|c".getBytes(StandardCharsets.UTF_8);
        assertThat(filter.mayMatch(bytes, 0, 4)).isTrue();
        assertThat(filter.mayMatch(bytes, 0, 3)).isFalse();
        assertThat(filter.mayMatch(bytes, 3, 1)).isTrue();
        RawPrefilter two = filter(new Needle("bc", false, false, false));
        assertThat(two.mayMatch("xxb".getBytes(StandardCharsets.UTF_8), 0, 3)).isFalse();
    }

    @Test
    void findsANeedleAndAnEscapeAtEveryOffset() {
        RawPrefilter filter = filter(NC_EXACT_ANY_CASE);
        for (int at = 0; at < 24; at++) {
            String before = "{\"k\":\"" + "x".repeat(at) + "\",\"v\":";
            String after = ",\"z\":\"" + "y".repeat(24 - at) + "\"}";
            assertThat(mayMatch(filter, before + "\"nC\"" + after)).as("needle after %d bytes", at).isTrue();
            assertThat(mayMatch(filter, before + "\"\\u006ec\"" + after)).as("escape after %d bytes", at).isTrue();
            assertThat(mayMatch(filter, before + "\"n\\u0063\"" + after)).as("escape after %d bytes", at).isTrue();
            assertThat(mayMatch(filter, before + "\"na\"" + after)).as("near miss after %d bytes", at).isFalse();
            assertThat(mayMatch(filter, before + "\"n\\t\"" + after)).as("harmless escape after %d bytes", at).isFalse();
        }
    }

    @Test
    void anEscapeThatMayHideANeedleCharacterSaysTrue() {
        RawPrefilter filter = filter(NC_EXACT_ANY_CASE);
        assertThat(mayMatch(filter, "{\"name\":\"\\u006ec\"}")).isTrue();
        assertThat(mayMatch(filter, "{\"name\":\"\\u004Ec\"}")).as("an upper-case escape of a case-free needle").isTrue();
        assertThat(mayMatch(filter, "{\"name\":\"n\\u0063\"}")).isTrue();
        assertThat(mayMatch(filter, "{\"name\":\"\\n\"}")).as("\\n is a newline, not an n").isFalse();
        assertThat(mayMatch(filter, "{\"cmd\":\"a \\u0026\\u0026 b\",\"p\":\"\\/bin\",\"q\":\"say \\\"hi\\\"\"}"))
                .as("escapes of characters in no needle").isFalse();
        assertThat(mayMatch(filter(new Needle("nc", true, true, false)), "{\"name\":\"\\u004Ec\"}"))
                .as("N is not in a case-sensitive needle nc").isFalse();
        assertThat(mayMatch(filter(new Needle("/bin/nc", false, false, false)), "{\"p\":\"\\/bin\\/nc\"}")).isTrue();
    }

    @Test
    void anEscapedQuoteIsNotAnAnchor() {
        RawPrefilter filter = filter(NC_EXACT_ANY_CASE);
        assertThat(mayMatch(filter, "{\"cmd\":\"echo \\\"nc\\\"\"}")).isFalse();
        assertThat(mayMatch(filter, "{\"cmd\":\"a\\\\\",\"name\":\"nc\"}")).as("an escaped backslash ends its escape").isTrue();
    }

    @Test
    void aMalformedEscapeSaysTrueSoTheDecoderJudgesIt() {
        RawPrefilter filter = filter(NC_EXACT_ANY_CASE);
        assertThat(mayMatch(filter, "{\"a\":\"\\x\"}")).isTrue();
        assertThat(mayMatch(filter, "{\"a\":\"\\u00g1\"}")).isTrue();
        assertThat(mayMatch(filter, "{\"a\":\"\\u00")).isTrue();
        assertThat(mayMatch(filter, "{\"a\":\"\\")).isTrue();
    }

    @Test
    void needlesThatRawBytesCannotShowMakeItAlwaysTrue() {
        String json = "{\"a\":\"b\"}";
        assertThat(mayMatch(new RawPrefilter(List.of()), json)).isTrue();
        assertThat(mayMatch(filter(new Needle("", true, true, false)), json)).isTrue();
        assertThat(mayMatch(filter(NC_EXACT_ANY_CASE, new Needle("a\"b", false, false, false)), json)).isTrue();
        assertThat(mayMatch(filter(NC_EXACT_ANY_CASE, new Needle("a\\b", false, false, false)), json)).isTrue();
        assertThat(mayMatch(filter(NC_EXACT_ANY_CASE, new Needle("a\tb", false, false, false)), json)).isTrue();
        List<Needle> tooMany = IntStream.rangeClosed(0, RawPrefilter.MAX_PATTERNS)
                .mapToObj(i -> new Needle("needle" + i, false, false, false)).toList();
        assertThat(mayMatch(new RawPrefilter(tooMany), json)).isTrue();
        assertThat(mayMatch(new RawPrefilter(tooMany.subList(0, RawPrefilter.MAX_PATTERNS)), json)).isFalse();
        assertThat(mayMatch(new RawPrefilter(tooMany.subList(0, RawPrefilter.MAX_PATTERNS)), "{\"a\":\"needle62\"}")).isTrue();
    }

    @Test
    void nonAsciiNeedlesAreUtf8BytesComparedWithCase() {
        RawPrefilter filter = filter(new Needle("café", false, false, true));
        assertThat(mayMatch(filter, "{\"a\":\"Un CAFé\"}")).isTrue();
        assertThat(mayMatch(filter, "{\"a\":\"un cafÉ\"}")).as("folding is ASCII-only").isFalse();
        assertThat(mayMatch(filter, "{\"a\":\"caf\\u00e9\"}")).isTrue();
        assertThat(mayMatch(filter, "{\"a\":\"\\u00c9\"}")).as("any escaped non-ASCII character").isTrue();
        assertThat(mayMatch(filter(NC_EXACT_ANY_CASE), "{\"a\":\"\\u00e9\"}")).as("an ASCII-only needle").isFalse();
    }

    /**
     * The filter's promise, over random documents with escapes, quotes and case games: when it says
     * false, no string in the document (key or value, as a JSON parser decodes it) holds a needle.
     */
    @Test
    void falseMeansNoDecodedStringHoldsANeedle() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Random random = new Random(20261128);
        int falses = 0;
        int trues = 0;
        for (int round = 0; round < 20_000; round++) {
            List<Needle> needles = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                needles.add(new Needle(randomText(random, 1 + random.nextInt(3)), random.nextBoolean(), random.nextBoolean(),
                        random.nextBoolean()));
            }
            String json = randomDocument(random);
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            if (new RawPrefilter(needles).mayMatch(bytes, 0, bytes.length)) {
                trues++;
                continue;
            }
            falses++;
            List<String> strings = new ArrayList<>();
            collectStrings(mapper.readTree(bytes), strings);
            for (String s : strings) {
                for (Needle needle : needles) {
                    assertThat(holds(s, needle)).as("%s in %s (document %s)", needle, s, json).isFalse();
                }
            }
        }
        assertThat(falses).isGreaterThan(2_000);
        assertThat(trues).isGreaterThan(2_000);
    }

    private static final String ALPHABET = "nNcCaé/ -\"\\\t";
    private static final String NEEDLE_ALPHABET = "nNcCaé/ -\"";

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(NEEDLE_ALPHABET.charAt(random.nextInt(NEEDLE_ALPHABET.length())));
        }
        return text.toString();
    }

    /** An object of a few strings, each character written raw when JSON allows or escaped at random. */
    private static String randomDocument(Random random) {
        StringBuilder json = new StringBuilder("{");
        for (int field = 0, n = 1 + random.nextInt(4); field < n; field++) {
            json.append(field == 0 ? "" : ",").append("\"f").append(field).append("\":");
            boolean array = random.nextBoolean();
            json.append(array ? "[" : "");
            for (int element = 0, m = array ? 1 + random.nextInt(3) : 1; element < m; element++) {
                json.append(element == 0 ? "\"" : ",\"");
                for (int i = 0, length = random.nextInt(6); i < length; i++) {
                    char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                    json.append(encode(c, random));
                }
                json.append('"');
            }
            json.append(array ? "]" : "");
        }
        return json.append('}').toString();
    }

    private static String encode(char c, Random random) {
        int choice = random.nextInt(8);
        if (c == '"' || c == '\\') {
            return choice == 0 ? String.format("\\u%04x", (int) c) : "\\" + c;
        }
        if (c == '\t') {
            return choice < 4 ? "\\t" : "\\u0009";
        }
        if (choice == 0) {
            return String.format(random.nextBoolean() ? "\\u%04X" : "\\u%04x", (int) c);
        }
        return c == '/' && choice == 1 ? "\\/" : String.valueOf(c);
    }

    private static void collectStrings(JsonNode node, List<String> strings) {
        if (node.isTextual()) {
            strings.add(node.textValue());
        }
        node.fieldNames().forEachRemaining(strings::add);
        node.elements().forEachRemaining(child -> collectStrings(child, strings));
    }

    /** Whether {@code value} satisfies the needle, with EQL's ASCII-only case folding. */
    private static boolean holds(String value, Needle needle) {
        String v = needle.caseInsensitive() ? asciiLower(value) : value;
        String t = needle.caseInsensitive() ? asciiLower(needle.text()) : needle.text();
        if (needle.atStart() && needle.atEnd()) {
            return v.equals(t);
        }
        return needle.atStart() ? v.startsWith(t) : needle.atEnd() ? v.endsWith(t) : v.contains(t);
    }

    private static String asciiLower(String s) {
        StringBuilder lower = new StringBuilder(s.length());
        s.chars().forEach(c -> lower.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : (char) c));
        return lower.toString();
    }
}
