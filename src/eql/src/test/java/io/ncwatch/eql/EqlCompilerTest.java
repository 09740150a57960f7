package io.ncwatch.eql;

import static io.ncwatch.eql.MapEvent.event;
import static io.ncwatch.eql.MapEvent.matches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ncwatch.eql.analysis.FieldSlots;
import io.ncwatch.eql.analysis.FieldTypes;
import io.ncwatch.eql.runtime.CompiledQuery;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The verdicts of /EQL-SEMANTICS: one group per row of the project's semantics notes. */
class EqlCompilerTest {

    private static final Map<String, Object> NC = event("event.category", List.of("process"), "process.name", "nc");

    @Nested
    class QueryShapes {
        @Test
        void categoryIsCaseSensitiveAndMatchesAnyElement() {
            assertThat(matches("process where true", NC)).isTrue();
            assertThat(matches("process where true", event("event.category", List.of("network", "process")))).isTrue();
            assertThat(matches("process where true", event("event.category", "Process"))).isFalse();
            assertThat(matches("process where true", event("process.name", "nc"))).isFalse();
        }

        @Test
        void anyWhereHasNoCategoryFilter() {
            assertThat(matches("any where process.name == \"nc\"", event("process.name", "nc"))).isTrue();
        }

        @Test
        void fieldsListsWhatTheQueryReads() {
            CompiledQuery q = MapEvent.compile("process where process.name == \"nc\" and length(user.name) > 1",
                    EqlOptions.ELASTICSEARCH, new FieldSlots());
            assertThat(q.fields()).containsExactlyInAnyOrder("event.category", "process.name", "user.name");
        }
    }

    @Nested
    class Equality {
        @Test
        void isCaseSensitiveWithoutWildcards() {
            assertThat(matches("any where process.name == \"nc\"", event("process.name", "nc"))).isTrue();
            assertThat(matches("any where process.name == \"nc\"", event("process.name", "NC"))).isFalse();
            assertThat(matches("any where process.name == \"n*\"", event("process.name", "nc"))).isFalse();
            assertThat(matches("any where process.name == \"n*\"", event("process.name", "n*"))).isTrue();
        }

        @Test
        void notEqualsIsNotOfEquals() {
            assertThat(matches("any where process.name != \"nc\"", event("process.name", "bash"))).isTrue();
            assertThat(matches("any where process.name != \"nc\"", event("process.name", "nc"))).isFalse();
            assertThat(matches("any where process.name != \"nc\"", event())).isTrue();
        }

        @Test
        void literalOnTheLeftIsTheSame() {
            assertThat(matches("any where \"nc\" == process.name", event("process.name", "nc"))).isTrue();
            assertThat(matches("any where 5 < process.pid", event("process.pid", 6L))).isTrue();
            assertThat(matches("any where 5 < process.pid", event("process.pid", 5L))).isFalse();
        }

        @Test
        void keywordHoldingAJsonNumberEqualsItsText() {
            assertThat(matches("any where user.id == \"0\"", event("user.id", 0L))).isTrue();
            assertThat(matches("any where user.id == 0", event("user.id", "0"))).isTrue();
            assertThat(matches("any where user.id == 0", event("user.id", "00"))).isFalse();
            assertThat(matches("any where process.pid == 1.0", event("process.pid", 1L))).isTrue();
            assertThat(matches("any where process.pid == 1.5", event("process.pid", 1L))).isFalse();
        }

        @Test
        void booleans() {
            assertThat(matches("any where process.interactive == true", event("process.interactive", true))).isTrue();
            assertThat(matches("any where process.interactive == \"false\"", event("process.interactive", false))).isTrue();
            assertThat(matches("any where process.interactive", event("process.interactive", true))).isTrue();
            assertThat(matches("any where process.interactive", event("process.interactive", false))).isFalse();
        }
    }

    @Nested
    class InsensitiveWildcardColon {
        @Test
        void foldsAsciiCaseOnly() {
            assertThat(matches("any where process.name : \"NC\"", event("process.name", "nc"))).isTrue();
            assertThat(matches("any where file.name : \"É\"", event("file.name", "é"))).isFalse();
            assertThat(matches("any where file.name : \"É\"", event("file.name", "É"))).isTrue();
        }

        @Test
        void starAndQuestionMarkAreWildcards() {
            assertThat(matches("any where process.args : \"-*l*\"", event("process.args", "-lvnp"))).isTrue();
            assertThat(matches("any where process.args : \"-*l*\"", event("process.args", "-L"))).isTrue();
            assertThat(matches("any where process.args : \"-*l*\"", event("process.args", "--port"))).isFalse();
            assertThat(matches("any where process.name : \"n?\"", event("process.name", "NC"))).isTrue();
            assertThat(matches("any where process.name : \"n?\"", event("process.name", "ncat"))).isFalse();
            assertThat(matches("any where process.name : \"*cat\"", event("process.name", "NCAT"))).isTrue();
            assertThat(matches("any where process.name : \"*\"", event("process.name", ""))).isTrue();
        }

        @Test
        void thereIsNoEscapeForStarOrQuestionMark() {
            assertThat(matches("any where process.args : \"$*\"", event("process.args", "$HOME"))).isTrue();
            assertThat(matches("any where process.args : \"a\\\\*\"", event("process.args", "a\\bc"))).isTrue();
            assertThat(matches("any where process.args : \"a\\\\*\"", event("process.args", "abc"))).isFalse();
        }

        @Test
        void aListIsAnOr() {
            assertThat(matches("any where process.name : (\"bash\", \"n*\")", event("process.name", "nc"))).isTrue();
            assertThat(matches("any where process.name : (\"bash\", \"sh\")", event("process.name", "nc"))).isFalse();
        }

        @Test
        void segmentsInOrderWithoutOverlap() {
            assertThat(matches("any where f : \"a*a\"", event("f", "a"))).isFalse();
            assertThat(matches("any where f : \"a*b*c\"", event("f", "aXbYc"))).isTrue();
            assertThat(matches("any where f : \"a*b*c\"", event("f", "aXcYb"))).isFalse();
            assertThat(matches("any where f : \"*b*b*\"", event("f", "b"))).isFalse();
        }
    }

    @Nested
    class Membership {
        @Test
        void inIsCaseSensitive() {
            assertThat(matches("any where event.action in (\"fork\", \"exec\")", event("event.action", "exec"))).isTrue();
            assertThat(matches("any where event.action in (\"fork\", \"exec\")", event("event.action", "EXEC"))).isFalse();
            assertThat(matches("any where event.action in (\"e*\")", event("event.action", "exec"))).isFalse();
        }

        @Test
        void inTildeFoldsAsciiCase() {
            assertThat(matches("any where process.name in~ (\"NC\", \"ncat\")", event("process.name", "Nc"))).isTrue();
            assertThat(matches("any where file.name in~ (\"é\")", event("file.name", "É"))).isFalse();
        }

        @Test
        void notInIsTrueWhenNoElementIsInTheSet() {
            assertThat(matches("any where process.args not in (\"-l\")", event("process.args", List.of("-p", "-l")))).isFalse();
            assertThat(matches("any where process.args not in (\"-l\")", event("process.args", List.of("-p", "4444")))).isTrue();
            assertThat(matches("any where process.args not in (\"-l\")", event())).isTrue();
        }

        @Test
        void numbersInASet() {
            assertThat(matches("any where destination.port in (22, 4444)", event("destination.port", 4444L))).isTrue();
            assertThat(matches("any where destination.port in (22, 4444)", event("destination.port", "4444"))).isTrue();
        }
    }

    @Nested
    class Like {
        @Test
        void likeIsCaseSensitiveAndLikeTildeIsNot() {
            assertThat(matches("any where process.name like \"nc*\"", event("process.name", "ncat"))).isTrue();
            assertThat(matches("any where process.name like \"nc*\"", event("process.name", "NCAT"))).isFalse();
            assertThat(matches("any where process.name like~ \"nc*\"", event("process.name", "NCAT"))).isTrue();
            assertThat(matches("any where process.name like (\"x\", \"?cat\")", event("process.name", "ncat"))).isTrue();
        }
    }

    @Nested
    class Regex {
        @Test
        void wholeStringMatch() {
            assertThat(matches("any where process.name regex \"nc\"", event("process.name", "ncat"))).isFalse();
            assertThat(matches("any where process.name regex \"nc.*\"", event("process.name", "ncat"))).isTrue();
        }

        @Test
        void luceneSyntaxNotJava() {
            assertThat(matches("any where f regex \"^a\"", event("f", "^a"))).isTrue(); // ^ is no anchor
            assertThat(matches("any where f regex \"^a\"", event("f", "a"))).isFalse();
            assertThat(matches("any where f regex \"a.b\"", event("f", "a\nb"))).isTrue(); // . matches newline
            assertThat(matches("any where f regex \"\\\\d+\"", event("f", "4444"))).isTrue();
            assertThat(matches("any where f regex \"port<1-1024>\"", event("f", "port80"))).isTrue();
            assertThat(matches("any where f regex \"port<1-1024>\"", event("f", "port4444"))).isFalse();
            assertThat(matches("any where f regex \"nc@\"", event("f", "nc -l"))).isTrue(); // @ is any string
            assertThat(matches("any where f regex \"~(nc.*)\"", event("f", "bash"))).isTrue(); // ~ complements
            assertThat(matches("any where f regex \"~(nc.*)\"", event("f", "ncat"))).isFalse();
            assertThat(matches("any where f regex \".*a.*&.*b.*\"", event("f", "ba"))).isTrue(); // & intersects
        }

        @Test
        void regexTildeFoldsAsciiOnly() {
            assertThat(matches("any where f regex~ \"nc\"", event("f", "NC"))).isTrue();
            assertThat(matches("any where f regex~ \"é\"", event("f", "É"))).isFalse();
            assertThat(matches("any where f regex (\"a\", \"b\")", event("f", "b"))).isTrue();
        }

        @Test
        void invalidRegexIsAClearError() {
            assertThatThrownBy(() -> matches("any where f regex \"(\"", event()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regular expression");
        }
    }

    @Nested
    class Ordering {
        @Test
        void numbers() {
            assertThat(matches("any where process.pid > 100", event("process.pid", 101L))).isTrue();
            assertThat(matches("any where process.pid >= 100", event("process.pid", 100L))).isTrue();
            assertThat(matches("any where process.pid < 100", event("process.pid", 100L))).isFalse();
            assertThat(matches("any where process.pid <= 100.5", event("process.pid", 100L))).isTrue();
            assertThat(matches("any where score > 0.5", event("score", 0.75))).isTrue();
        }

        @Test
        void stringsCompareCaseSensitively() {
            assertThat(matches("any where f < \"b\"", event("f", "a"))).isTrue();
            assertThat(matches("any where f < \"b\"", event("f", "B"))).isTrue(); // 'B' sorts before 'b'
            assertThat(matches("any where f > \"b\"", event("f", "B"))).isFalse();
            assertThat(matches("any where f < 5", event("f", "10"))).isTrue(); // keyword order: "10" < "5"
        }
    }

    @Nested
    class Arithmetic {
        @Test
        void integerDivisionTruncatesAndDivisionByZeroIsNoMatch() {
            assertThat(matches("any where process.pid / 2 == 2", event("process.pid", 5L))).isTrue();
            assertThat(matches("any where process.pid / 2.0 == 2.5", event("process.pid", 5L))).isTrue();
            assertThat(matches("any where process.pid % 3 == 2", event("process.pid", 5L))).isTrue();
            assertThat(matches("any where process.pid / 0 == 0", event("process.pid", 5L))).isFalse();
            assertThat(matches("any where not process.pid / 0 == 0", event("process.pid", 5L))).isTrue();
        }

        @Test
        void constantsFold() {
            assertThat(matches("any where process.pid == 2 + 3", event("process.pid", 5L))).isTrue();
            assertThat(matches("any where 1 + 1 == 2", event())).isTrue();
            assertThatThrownBy(() -> matches("any where process.pid == 1 / 0", event()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Logic {
        @Test
        void notBindsTighterThanAndThanOr() {
            Map<String, Object> e = event("a", "1", "b", "2");
            assertThat(matches("any where a == \"x\" or a == \"1\" and b == \"2\"", e)).isTrue();
            assertThat(matches("any where not a == \"x\" and b == \"2\"", e)).isTrue();
            assertThat(matches("any where not (a == \"1\" and b == \"2\")", e)).isFalse();
        }
    }

    @Nested
    class Arrays {
        @Test
        void anyElementSatisfies() {
            Map<String, Object> e = event("event.type", List.of("start", "change"), "process.args", List.of("nc", "-lvnp", "4444"));
            assertThat(matches("any where event.type == \"start\"", e)).isTrue();
            assertThat(matches("any where event.type == \"change\"", e)).isTrue();
            assertThat(matches("any where process.args : \"-*l*\"", e)).isTrue();
            assertThat(matches("any where process.args > \"5\"", e)).isTrue();
        }

        @Test
        void nullElementsAreNotValues() {
            assertThat(matches("any where f != null", event("f", java.util.Arrays.asList(null, null)))).isFalse();
            assertThat(matches("any where f : \"*\"", event("f", List.of()))).isFalse();
        }

        @Test
        void scriptsTryEveryValue() {
            Map<String, Object> e = event("process.args", List.of("a", "abcdef"));
            assertThat(matches("any where length(process.args) > 3", e)).isTrue();
            assertThat(matches("any where not length(process.args) > 3", e)).isFalse();
        }
    }

    @Nested
    class NullsAndMissingFields {
        @Test
        void wildcardStarNeedsAValue() {
            assertThat(matches("any where container.id : \"*\"", event())).isFalse();
            assertThat(matches("any where container.id : \"*\"", event("container.id", null))).isFalse();
            assertThat(matches("any where container.id : \"*\"", event("container.id", ""))).isTrue();
        }

        @Test
        void equalsNullMeansAbsent() {
            assertThat(matches("any where container.id == null", event())).isTrue();
            assertThat(matches("any where container.id == null", event("container.id", "c1"))).isFalse();
            assertThat(matches("any where container.id != null", event("container.id", "c1"))).isTrue();
            assertThat(matches("any where container.id != null", event("container.id", null))).isFalse();
        }

        @Test
        void notComparisonOnAnAbsentFieldIsTrue() {
            assertThat(matches("any where not process.name == \"nc\"", event())).isTrue();
            assertThat(matches("any where not process.pid > 5", event())).isTrue();
            assertThat(matches("any where not process.name : \"n*\"", event())).isTrue();
            assertThat(matches("any where process.pid > 5", event())).isFalse();
        }

        @Test
        void aNullOperandOfAFunctionIsNoMatch() {
            assertThat(matches("any where length(process.name) > 0", event())).isFalse();
            assertThat(matches("any where concat(process.name, \"x\") == \"ncx\"", event())).isFalse();
            assertThat(matches("any where concat(process.name, \"x\") == \"ncx\"", event("process.name", "nc"))).isTrue();
            // a negated script is true when no value makes it true (Elasticsearch's multi-value scripts)
            assertThat(matches("any where not length(process.name) > 0", event())).isTrue();
        }
    }

    @Nested
    class IgnoreAbove {
        private final String longName = "n".repeat(1025);

        @Test
        void onByDefaultALongKeywordIsNotIndexed() {
            Map<String, Object> e = event("file.path", longName);
            assertThat(matches("any where file.path : \"n*\"", e)).isFalse();
            assertThat(matches("any where file.path == null", e)).isTrue();
            assertThat(matches("any where not file.path : \"x*\"", e)).isTrue();
            assertThat(matches("any where length(file.path) > 0", e)).isFalse();
            assertThat(matches("any where file.path : \"n*\"", event("file.path", "n".repeat(1024)))).isTrue();
        }

        @Test
        void aLongElementOfAnArrayIsSkippedAlone() {
            assertThat(matches("any where process.args : \"n*\"", event("process.args", List.of(longName, "nc")))).isTrue();
        }

        @Test
        void wildcardAndTextFieldsKeepLongValues() {
            assertThat(matches("any where process.command_line : \"n*\"", event("process.command_line", longName))).isTrue();
            assertThat(matches("any where url.full : \"n*\"", event("url.full", longName))).isTrue();
        }

        @Test
        void offEveryValueIsIndexed() {
            assertThat(matches("any where file.path : \"n*\"", event("file.path", longName), new EqlOptions(0, FieldTypes.ecs()))).isTrue();
        }

        @Test
        void theOptionSetsTheLimitOfFieldsTheMappingDoesNotList() {
            Map<String, Object> e = event("app.path", longName);
            assertThat(matches("any where app.path : \"n*\"", e)).isFalse();
            assertThat(matches("any where app.path : \"n*\"", e, new EqlOptions(2000, FieldTypes.ecs()))).isTrue();
        }
    }

    @Nested
    class FieldNames {
        @Test
        void backtickedAndOptionalFieldsReadTheSameValues() {
            assertThat(matches("any where `user-name` == \"root\"", event("user-name", "root"))).isTrue();
            assertThat(matches("any where ?process.title == null", event())).isTrue();
            assertThat(matches("any where ?process.title == \"x\"", event("process.title", "x"))).isTrue();
        }
    }

    @Nested
    class Strings {
        @Test
        void escapesAreDecodedBeforeComparing() {
            assertThat(matches("any where f == \"a\\tb\"", event("f", "a\tb"))).isTrue();
            assertThat(matches("any where f == \"C:\\\\Windows\"", event("f", "C:\\Windows"))).isTrue();
            assertThat(matches("any where f : \"C:\\\\Win*\"", event("f", "c:\\windows"))).isTrue();
        }

        @Test
        void rawStringsAreVerbatim() {
            assertThat(matches("any where f == \"\"\"C:\\Windows\"\"\"", event("f", "C:\\Windows"))).isTrue();
        }
    }

    @Nested
    class MatchesOnComputedValues {
        @Test
        void areScriptsWithScriptEquality() {
            Map<String, Object> e = event("a", "ba", "b", "sh", "file.name", "é");
            assertThat(matches("any where concat(a, b) : \"*ash\"", e)).isTrue();
            assertThat(matches("any where concat(a, b) in (\"bash\", \"zsh\")", e)).isTrue();
            assertThat(matches("any where concat(a, b) like \"BA*\"", e)).isFalse();
            assertThat(matches("any where concat(a, b) regex~ \"BA.H\"", e)).isTrue();
            // a script compares without case by compareToIgnoreCase, which folds beyond ASCII
            assertThat(matches("any where concat(file.name, \"\") : \"É\"", e)).isTrue();
            assertThat(matches("any where file.name : \"É\"", e)).isFalse();
        }
    }
}
