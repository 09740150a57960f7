package io.ncwatch.eql.runtime;

import static io.ncwatch.eql.MapEvent.event;
import static io.ncwatch.eql.MapEvent.matches;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each EQL function over event values, its null cases and its {@code ~} variant. */
class EqlFunctionsTest {
    private static final Map<String, Object> E = event("s", "Hello World", "n", 7L, "d", 2.5, "ip", "10.1.2.3",
            "ip6", "2001:db8::1", "hex", "0x1F", "num", "42", "dec", "-1.5", "empty", "");

    private static boolean where(String condition) {
        return matches("any where " + condition, E);
    }

    @Nested
    class Arithmetic {
        @Test
        void addSubtractMultiplyDivideModulo() {
            assertThat(where("add(n, 1) == 8")).isTrue();
            assertThat(where("subtract(n, 10) == -3")).isTrue();
            assertThat(where("multiply(n, d) == 17.5")).isTrue();
            assertThat(where("divide(n, 2) == 3")).isTrue();
            assertThat(where("divide(n, 2.0) == 3.5")).isTrue();
            assertThat(where("modulo(n, 4) == 3")).isTrue();
            assertThat(where("add(missing, 1) == 1")).isFalse();
            assertThat(where("add(s, 1) == 1")).isFalse(); // a string is an error in Elasticsearch: no match
        }
    }

    @Nested
    class Between {
        @Test
        void lazyGreedyAndCaseInsensitive() {
            Map<String, Object> e = event("p", "C:\\a\\b\\c.exe");
            assertThat(matches("any where between(p, \"\\\\\", \"\\\\\") == \"a\"", e)).isTrue();
            assertThat(matches("any where between(p, \"\\\\\", \"\\\\\", true) == \"a\\\\b\"", e)).isTrue();
            assertThat(where("between(s, \"hello \", \"d\") == \"\"")).isTrue();
            assertThat(where("between~(s, \"hello \", \"d\") == \"Worl\"")).isTrue();
            assertThat(where("between(missing, \"a\", \"b\") == \"\"")).isFalse();
        }
    }

    @Nested
    class CidrMatch {
        @Test
        void severalNetworksIpv4AndIpv6() {
            assertThat(where("cidrMatch(ip, \"192.168.0.0/16\", \"10.0.0.0/8\")")).isTrue();
            assertThat(where("cidrMatch(ip, \"10.1.2.4/32\")")).isFalse();
            assertThat(where("cidrMatch(ip, \"10.1.2.3\")")).isTrue();
            assertThat(where("cidrMatch(ip6, \"2001:db8::/32\")")).isTrue();
            assertThat(where("cidrMatch(ip6, \"10.0.0.0/8\")")).isFalse();
            assertThat(where("cidrMatch(missing, \"10.0.0.0/8\")")).isFalse();
            assertThat(where("not cidrMatch(ip, \"192.168.0.0/16\")")).isTrue();
            assertThat(where("cidrMatch(concat(\"10.\", \"9.9.9\"), \"10.0.0.0/8\")")).isTrue();
        }
    }

    @Nested
    class Concat {
        @Test
        void joinsTextsNumbersAndNullIsNull() {
            assertThat(where("concat(s, \"!\", n) == \"Hello World!7\"")).isTrue();
            assertThat(where("concat(s, missing) == \"Hello World\"")).isFalse();
        }
    }

    @Nested
    class StartsEndsContains {
        @Test
        void onAFieldTheyAreQueries() {
            assertThat(where("startsWith(s, \"Hello\")")).isTrue();
            assertThat(where("startsWith(s, \"hello\")")).isFalse();
            assertThat(where("startsWith~(s, \"hello\")")).isTrue();
            assertThat(where("endsWith(s, \"World\")")).isTrue();
            assertThat(where("endsWith~(s, \"WORLD\")")).isTrue();
            assertThat(where("stringContains(s, \"lo W\")")).isTrue();
            assertThat(where("stringContains~(s, \"LO W\")")).isTrue();
            assertThat(where("stringContains(s, \"xyz\")")).isFalse();
            assertThat(where("startsWith(missing, \"a\")")).isFalse();
            assertThat(where("not startsWith(missing, \"a\")")).isTrue();
        }

        @Test
        void onAComputedValueTheyAreScripts() {
            assertThat(where("startsWith(concat(s, \"x\"), \"Hello\")")).isTrue();
            assertThat(where("endsWith~(concat(s, \"X\"), \"x\")")).isTrue();
            assertThat(where("stringContains(concat(empty, \"\"), \"\")")).isFalse(); // empty strings never contain
        }
    }

    @Nested
    class IndexOfAndLength {
        @Test
        void indexOf() {
            assertThat(where("indexOf(s, \"o\") == 4")).isTrue();
            assertThat(where("indexOf(s, \"o\", 5) == 7")).isTrue();
            assertThat(where("indexOf(s, \"WORLD\") == null")).isTrue();
            assertThat(where("indexOf~(s, \"WORLD\") == 6")).isTrue();
            assertThat(where("indexOf(missing, \"o\") == null")).isTrue();
        }

        @Test
        void length() {
            assertThat(where("length(s) == 11")).isTrue();
            assertThat(where("length(empty) == 0")).isTrue();
            assertThat(where("length(missing) == 0")).isFalse();
        }
    }

    @Nested
    class Number {
        @Test
        void decimalHexAndBase() {
            assertThat(where("number(num) == 42")).isTrue();
            assertThat(where("number(dec) == -1.5")).isTrue();
            assertThat(where("number(hex) == 31")).isTrue();
            assertThat(where("number(\"ff\", 16) == 255")).isTrue();
            assertThat(where("number(\"101\", 2) == 5")).isTrue();
            assertThat(where("number(s) == 0")).isFalse(); // not a number: an error, no match
            assertThat(where("number(missing) == 0")).isFalse();
        }
    }

    @Nested
    class StringAndSubstring {
        @Test
        void string() {
            assertThat(where("string(n) == \"7\"")).isTrue();
            assertThat(where("string(d) == \"2.5\"")).isTrue();
            assertThat(where("string(missing) == \"null\"")).isTrue(); // Elasticsearch's ToString gives "null"
        }

        @Test
        void substringWithNegativeOffsets() {
            assertThat(where("substring(s, 0, 5) == \"Hello\"")).isTrue();
            assertThat(where("substring(s, -5) == \"World\"")).isTrue();
            assertThat(where("substring(s, -5, -1) == \"Worl\"")).isTrue();
            assertThat(where("substring(s, 6, 100) == \"World\"")).isTrue();
            assertThat(where("substring(s, 8, 2) == \"\"")).isTrue();
            assertThat(where("substring(missing, 1) == \"\"")).isFalse();
        }
    }
}
