package io.ncwatch.eql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ncwatch.eql.parser.ast.Expr;
import io.ncwatch.eql.parser.ast.Expr.ArithmeticOp;
import io.ncwatch.eql.parser.ast.Expr.CompareOp;
import io.ncwatch.eql.parser.ast.Expr.MatchKind;
import io.ncwatch.eql.parser.ast.Query;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EqlParserTest {

    @Nested
    class QueryShapes {
        @Test
        void categoryWhereCondition() {
            assertThat(EqlParser.parse("process where true"))
                    .isEqualTo(new Query.EventQuery("process", lit(true)));
        }

        @Test
        void anyWhereHasNoCategory() {
            assertThat(EqlParser.parse("any where true")).isEqualTo(new Query.EventQuery(null, lit(true)));
        }

        @Test
        void categoryInQuotesMayHoldAnyCharacter() {
            assertThat(EqlParser.parse("\"my-category.x\" where true"))
                    .isEqualTo(new Query.EventQuery("my-category.x", lit(true)));
            assertThat(EqlParser.parse("\"\"\"6 raw\"\"\" where true")).isEqualTo(new Query.EventQuery("6 raw", lit(true)));
        }

        @Test
        void bareFieldIsACondition() {
            assertThat(condition("process.interactive")).isEqualTo(field("process.interactive"));
        }

        @Test
        void missingWhereIsAnError() {
            assertError("process process.name == \"nc\"", 1, 9, "expected 'where' after 'process', found 'process'");
        }

        @Test
        void missingConditionIsAnError() {
            assertError("process where ", 1, 15, "expected a value after 'where', found the end of the query");
        }

        @Test
        void emptyQueryIsAnError() {
            assertError("  ", 1, 3, "expected an event category (a name or a \"string\"), 'any', 'sequence' or 'sample',"
                    + " found the end of the query");
        }

        @Test
        void backtickCategoryIsAnError() {
            assertError("`process` where true", 1, 1, "expected an event category (a name or a \"string\"), 'any',"
                    + " 'sequence' or 'sample', found '`process`'");
        }

        @Test
        void trailingTextIsAnError() {
            assertError("process where a == 1 b == 2", 1, 22,
                    "expected 'and', 'or', a pipe '|' or the end of the query, found 'b'");
            assertError("process where a == 1)", 1, 21,
                    "expected 'and', 'or', a pipe '|' or the end of the query, found ')'");
        }

        @Test
        void joinIsNotSupported() {
            assertError("join [a where true] [b where true]", 1, 1,
                    "'join' queries are not supported, as in Elasticsearch: use 'sequence'");
        }
    }

    @Nested
    class Operators {
        @ParameterizedTest
        @CsvSource({"==, EQ", "<, LT", "<=, LE", ">, GT", ">=, GE"})
        void comparisons(String operator, CompareOp op) {
            assertThat(condition("pid " + operator + " 5")).isEqualTo(new Expr.Comparison(op, field("pid"), lit(5L)));
        }

        @Test
        void notEqualIsNotAroundEquals() {
            assertThat(condition("pid != 5"))
                    .isEqualTo(new Expr.Not(new Expr.Comparison(CompareOp.EQ, field("pid"), lit(5L))));
        }

        @Test
        void constantMayBeOnTheLeft() {
            assertThat(condition("-1 < exit_code"))
                    .isEqualTo(new Expr.Comparison(CompareOp.LT, lit(-1L), field("exit_code")));
        }

        @Test
        void colonIsCaseInsensitiveLikeWithOneOrManyPatterns() {
            assertThat(condition("f : \"a*\"")).isEqualTo(match(MatchKind.LIKE, true, "f", "a*"));
            assertThat(condition("f : (\"a\", \"b\")")).isEqualTo(match(MatchKind.LIKE, true, "f", "a", "b"));
        }

        @Test
        void likeAndRegexInBothCases() {
            assertThat(condition("f like \"x*\"")).isEqualTo(match(MatchKind.LIKE, false, "f", "x*"));
            assertThat(condition("f like~ (\"x*\", \"y\")")).isEqualTo(match(MatchKind.LIKE, true, "f", "x*", "y"));
            assertThat(condition("f regex \"[a-z]+\"")).isEqualTo(match(MatchKind.REGEX, false, "f", "[a-z]+"));
            assertThat(condition("f regex~ (\"a.*\", \"b\")")).isEqualTo(match(MatchKind.REGEX, true, "f", "a.*", "b"));
        }

        @Test
        void inAndInInsensitive() {
            assertThat(condition("f in (\"a\", \"b\")")).isEqualTo(match(MatchKind.IN, false, "f", "a", "b"));
            assertThat(condition("f in~ (\"a\")")).isEqualTo(match(MatchKind.IN, true, "f", "a"));
            assertThat(condition("port in (22, -1)"))
                    .isEqualTo(new Expr.Match(MatchKind.IN, false, field("port"), List.of(lit(22L), lit(-1L))));
        }

        @Test
        void notInAndNotBeforeTheFieldBothNegateTheMatch() {
            Expr negated = new Expr.Not(match(MatchKind.IN, false, "f", "a"));
            assertThat(condition("f not in (\"a\")")).isEqualTo(negated);
            assertThat(condition("not f in (\"a\")")).isEqualTo(negated);
            assertThat(condition("f not in~ (\"a\")")).isEqualTo(new Expr.Not(match(MatchKind.IN, true, "f", "a")));
        }

        @Test
        void notMayOnlyPrecedeInAfterAValue() {
            assertError("any where f not like \"a\"", 1, 13, "only 'in' and 'in~' can follow 'not' here; to negate"
                    + " another test, put 'not' before it, as in 'not process.name like \"x*\"'");
        }

        @Test
        void inNeedsAParenthesizedList() {
            assertError("any where f in \"a\"", 1, 16, "expected '(' after 'in' to start a list such as (\"a\", \"b\"), found \"a\"");
        }

        @Test
        void patternsMustBeStrings() {
            assertError("any where f : 5", 1, 15, "expected a string after ':', found '5'");
            assertError("any where f like (\"a\", g)", 1, 24, "expected a string after ',', found 'g'");
        }

        @Test
        void singleEqualsIsAnError() {
            assertError("any where f = \"a\"", 1, 13, "'=' is not a comparison: write '==' (or ':' to compare without case)");
        }

        @Test
        void chainedComparisonsAreAnError() {
            assertError("any where 1 < a < 3", 1, 17,
                    "comparisons cannot be chained: join them with 'and', as in 'a < b and b < c'");
            assertError("any where f : \"a\" == true", 1, 19,
                    "comparisons cannot be chained: join them with 'and', as in 'a < b and b < c'");
        }

        @Test
        void comparingTwoFieldsIsAnError() {
            String problem = "one side of '==' must be a constant: comparing a field with another field (or with a value"
                    + " computed from fields) is not supported, as in Elasticsearch";
            assertError("any where opcode == pid", 1, 21, problem);
            assertError("any where opcode == length(name)", 1, 21, problem);
            assertError("any where opcode + 1 == pid", 1, 25, problem);
        }

        @Test
        void comparingComputedValuesWithConstantsIsAllowed() {
            assertThat(condition("length(name) > 2 + 1")).isEqualTo(new Expr.Comparison(CompareOp.GT,
                    new Expr.Call("length", false, List.of(field("name"))),
                    new Expr.Arithmetic(ArithmeticOp.ADD, lit(2L), lit(1L))));
        }

        @Test
        void inListOfFieldsIsAnError() {
            assertError("any where name in (parent_name, \"x\")", 1, 20, "the values after 'in' must be constants:"
                    + " comparing a field with another field is not supported, as in Elasticsearch");
        }

        @Test
        void processRelationshipsAreAnError() {
            assertError("any where descendant of [process where true]", 1, 22, "process relationships ('descendant of',"
                    + " 'child of', 'event of') are not supported, as in Elasticsearch");
        }
    }

    @Nested
    class Precedence {
        @Test
        void andBindsTighterThanOr() {
            assertThat(condition("a or b and c"))
                    .isEqualTo(new Expr.Or(List.of(field("a"), new Expr.And(List.of(field("b"), field("c"))))));
        }

        @Test
        void notBindsTighterThanAnd() {
            assertThat(condition("not a and b"))
                    .isEqualTo(new Expr.And(List.of(new Expr.Not(field("a")), field("b"))));
        }

        @Test
        void notTakesTheWholeComparison() {
            assertThat(condition("not a == 1"))
                    .isEqualTo(new Expr.Not(new Expr.Comparison(CompareOp.EQ, field("a"), lit(1L))));
        }

        @Test
        void parenthesesGroup() {
            assertThat(condition("(a or b) and c"))
                    .isEqualTo(new Expr.And(List.of(new Expr.Or(List.of(field("a"), field("b"))), field("c"))));
        }

        @Test
        void arithmeticBindsTighterThanComparisonAndTimesTighterThanPlus() {
            assertThat(condition("a + b * 2 == 7")).isEqualTo(new Expr.Comparison(CompareOp.EQ,
                    new Expr.Arithmetic(ArithmeticOp.ADD, field("a"),
                            new Expr.Arithmetic(ArithmeticOp.MUL, field("b"), lit(2L))),
                    lit(7L)));
        }

        @Test
        void arithmeticIsLeftAssociative() {
            assertThat(condition("a - b - 1 == 0")).isEqualTo(new Expr.Comparison(CompareOp.EQ,
                    new Expr.Arithmetic(ArithmeticOp.SUB, new Expr.Arithmetic(ArithmeticOp.SUB, field("a"), field("b")), lit(1L)),
                    lit(0L)));
            assertThat(condition("a / 2 % 3 == 0")).isEqualTo(new Expr.Comparison(CompareOp.EQ,
                    new Expr.Arithmetic(ArithmeticOp.MOD, new Expr.Arithmetic(ArithmeticOp.DIV, field("a"), lit(2L)), lit(3L)),
                    lit(0L)));
        }

        @Test
        void unaryMinusBindsTighterThanTimes() {
            assertThat(condition("-a * 2 < 0")).isEqualTo(new Expr.Comparison(CompareOp.LT,
                    new Expr.Arithmetic(ArithmeticOp.MUL, new Expr.Negate(field("a")), lit(2L)), lit(0L)));
        }

        @Test
        void matchIsAtComparisonLevel() {
            assertThat(condition("a : \"x\" and not b in (1)")).isEqualTo(new Expr.And(List.of(
                    match(MatchKind.LIKE, true, "a", "x"),
                    new Expr.Not(new Expr.Match(MatchKind.IN, false, field("b"), List.of(lit(1L)))))));
        }
    }

    @Nested
    class StringsAndEscapes {
        @Test
        void knownEscapes() {
            assertThat(string("\"a\\nb\\rc\\td\\\\e\\\"f\\bg\\fh\\'i\"")).isEqualTo("a\nb\rc\td\\e\"f\bg\fh'i");
        }

        @Test
        void unknownEscapeKeepsItsBackslash() {
            assertThat(string("\"C:\\\\Windows\\d\\w+\"")).isEqualTo("C:\\Windows\\d\\w+");
        }

        @Test
        void unicodeEscapes() {
            assertThat(string("\"caf\\u{e9}\"")).isEqualTo("café");
            assertThat(string("\"\\u{0001F600}!\"")).isEqualTo("\uD83D\uDE00!");
        }

        @Test
        void badUnicodeEscapesAreErrors() {
            String usage = "write a Unicode escape as \\u{...} with 2 to 8 hex digits, like \\u{e9}";
            assertError("any where f == \"x\\u{1}\"", 1, 18, usage + "; found \\u{1}");
            assertError("any where f == \"x\\u{123456789}\"", 1, 18, usage + "; found \\u{123456789}");
            assertError("any where f == \"x\\u{12G4}\"", 1, 18, usage + "; found \\u{12G4}");
            assertError("any where f == \"x\\u00e9\"", 1, 18, usage);
            assertError("any where f == \"x\\u{e9\"", 1, 18, usage);
            assertError("any where f == \"\\u{D800}\"", 1, 17, "\\u{D800} is not a Unicode character");
            assertError("any where f == \"\\u{110000}\"", 1, 17, "\\u{110000} is not a Unicode character");
        }

        @Test
        void unterminatedStringIsAnError() {
            String problem = "unterminated string: add the closing '\"' on the same line";
            assertError("any where f == \"abc", 1, 16, problem);
            assertError("any where f == \"abc\n\" and true", 1, 16, problem);
            assertError("any where f == \"abc\\", 1, 16, problem);
        }

        @Test
        void singleQuotesSayToUseDoubleQuotes() {
            assertError("any where f == 'abc'", 1, 16,
                    "single quotes are not supported: write strings in double quotes, \"like this\"");
        }

        @Test
        void questionMarkStringsSayToUseTripleQuotes() {
            String problem = "?\"...\" strings are not supported: write a raw string in triple double quotes, \"\"\"like this\"\"\"";
            assertError("any where f == ?\"a\\b\"", 1, 16, problem);
            assertError("any where f == ?'a'", 1, 16, problem);
        }
    }

    @Nested
    class RawStrings {
        @Test
        void takeEverythingVerbatim() {
            assertThat(string("\"\"\"C:\\new\\u{e9} \"quoted\" \"\"\"")).isEqualTo("C:\\new\\u{e9} \"quoted\" ");
        }

        @Test
        void upToTwoQuotesAfterTheClosingOnesBelongToTheString() {
            assertThat(string("\"\"\"say \"hi\"\"\"\"")).isEqualTo("say \"hi\"");
            assertThat(string("\"\"\"a\"\"\"\"\"")).isEqualTo("a\"\"");
        }

        @Test
        void unterminatedRawStringIsAnError() {
            assertError("any where f == \"\"\"abc\"\" and\ng == \"\"\"x\"\"\"", 1, 16,
                    "unterminated raw string: add the closing '\"\"\"' on the same line");
        }
    }

    @Nested
    class Numbers {
        @Test
        void integersAreLongs() {
            assertThat(value("42")).isEqualTo(42L);
            assertThat(value("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        }

        @Test
        void integersTooBigForALongAreDoubles() {
            assertThat(value("99999999999999999999")).isEqualTo(1e20);
        }

        @Test
        void decimalsAndExponentsAreDoubles() {
            assertThat(value("1.5")).isEqualTo(1.5);
            assertThat(value(".5")).isEqualTo(0.5);
            assertThat(value("2.")).isEqualTo(2.0);
            assertThat(value("1e3")).isEqualTo(1000.0);
            assertThat(value("2.5E-1")).isEqualTo(0.25);
        }

        @Test
        void negativeNumbersAreLiterals() {
            assertThat(value("-7")).isEqualTo(-7L);
            assertThat(value("-1.5")).isEqualTo(-1.5);
            assertThat(value("- -7")).isEqualTo(7L);
            assertThat(value("+7")).isEqualTo(7L);
        }

        @Test
        void minusOnANonLiteralIsNegate() {
            assertThat(condition("-f == 1")).isEqualTo(new Expr.Comparison(CompareOp.EQ, new Expr.Negate(field("f")), lit(1L)));
        }

        @Test
        void booleansAndNull() {
            assertThat(value("true")).isEqualTo(true);
            assertThat(value("false")).isEqualTo(false);
            assertThat(value("null")).isNull();
        }
    }

    @Nested
    class Fields {
        @Test
        void dottedNamesAndTimestamp() {
            assertThat(condition("process.parent.name == \"x\"")).isEqualTo(eq(field("process.parent.name"), lit("x")));
            assertThat(condition("@timestamp > 0")).isEqualTo(new Expr.Comparison(CompareOp.GT, field("@timestamp"), lit(0L)));
        }

        @Test
        void backticksQuoteAnyNameAndADoubledBacktickIsOne() {
            assertThat(condition("`my-field` == 1")).isEqualTo(eq(field("my-field"), lit(1L)));
            assertThat(condition("`my``field` == 1")).isEqualTo(eq(field("my`field"), lit(1L)));
            assertThat(condition("labels.`app.kubernetes.io/name` == 1"))
                    .isEqualTo(eq(field("labels.app.kubernetes.io/name"), lit(1L)));
            assertThat(condition("`6 field` == 1")).isEqualTo(eq(field("6 field"), lit(1L)));
        }

        @Test
        void questionMarkMakesAFieldOptional() {
            assertThat(condition("?process.parent.args == \"x\""))
                    .isEqualTo(eq(new Expr.Field("process.parent.args", true), lit("x")));
            assertThat(condition("?`my-field` == null")).isEqualTo(eq(new Expr.Field("my-field", true), lit(null)));
        }

        @Test
        void keywordInAFieldNameMustBeQuoted() {
            assertError("any where event.sequence == 1", 1, 17,
                    "'sequence' is a keyword: to use it in a field name, put that part in backticks, as in `sequence`");
            assertThat(condition("event.`sequence` == 1")).isEqualTo(eq(field("event.sequence"), lit(1L)));
        }

        @Test
        void badFieldNamesAreErrors() {
            assertError("any where process. == 1", 1, 20, "expected a field name after '.', found '=='");
            assertError("any where `` == 1", 1, 11, "empty field name between backticks");
            assertError("any where `abc == 1", 1, 11, "unterminated field name: add the closing '`'");
            assertError("any where args[0] == \"x\"", 1, 16, "array indexes are not supported, as in Elasticsearch");
        }
    }

    @Nested
    class Functions {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "add(a, 1)                 | add",
            "between(a, \"x\", \"y\")   | between",
            "cidrMatch(a, \"10.0.0.0/8\", \"::1/128\") | cidrMatch",
            "concat(a)                 | concat",
            "divide(a, 2)              | divide",
            "endsWith(a, \"x\")        | endsWith",
            "indexOf(a, \"x\", 0)      | indexOf",
            "length(a)                 | length",
            "modulo(a, 2)              | modulo",
            "multiply(a, 2)            | multiply",
            "number(a, 16)             | number",
            "startsWith(a, \"x\")      | startsWith",
            "string(a)                 | string",
            "stringContains(a, \"x\")  | stringContains",
            "substring(a, -2)          | substring",
            "subtract(a, 1)            | subtract"})
        void everyFunctionParses(String call, String name) {
            Expr parsed = condition(call + " == true");
            assertThat(parsed).isInstanceOfSatisfying(Expr.Comparison.class,
                    c -> assertThat(c.left()).isInstanceOfSatisfying(Expr.Call.class, f -> {
                        assertThat(f.name()).isEqualTo(name);
                        assertThat(f.caseInsensitive()).isFalse();
                        assertThat(f.args().get(0)).isEqualTo(field("a"));
                    }));
        }

        @Test
        void callTreeWithArguments() {
            assertThat(condition("substring(a, 1, -1) == \"x\"")).isEqualTo(eq(
                    new Expr.Call("substring", false, List.of(field("a"), lit(1L), lit(-1L))), lit("x")));
        }

        @Test
        void namesMatchWithoutCaseAndKeepTheirDocumentedSpelling() {
            assertThat(condition("STARTSWITH(a, \"x\")")).isEqualTo(new Expr.Call("startsWith", false, List.of(field("a"), lit("x"))));
        }

        @Test
        void tildeMakesACallCaseInsensitiveWhereAllowed() {
            for (String name : List.of("startsWith", "endsWith", "stringContains")) {
                assertThat(condition(name + "~(a, \"x\")")).isEqualTo(new Expr.Call(name, true, List.of(field("a"), lit("x"))));
            }
            assertThat(condition("indexOf~(a, \"x\") == 0")).isEqualTo(eq(
                    new Expr.Call("indexOf", true, List.of(field("a"), lit("x"))), lit(0L)));
            assertThat(condition("between~(a, \"x\", \"y\") == \"z\"")).isEqualTo(eq(
                    new Expr.Call("between", true, List.of(field("a"), lit("x"), lit("y"))), lit("z")));
        }

        @Test
        void tildeOnOtherFunctionsIsAnError() {
            assertError("any where length~(a) > 1", 1, 11, "'length' has no case-insensitive form: remove the '~'");
        }

        @Test
        void unknownFunctionIsAnError() {
            assertError("any where\n  wildcard(a, \"x*\")", 2, 3, "unknown function 'wildcard'; the functions are add,"
                    + " between, cidrMatch, concat, divide, endsWith, indexOf, length, modulo, multiply, number,"
                    + " startsWith, string, stringContains, substring, subtract");
        }

        @Test
        void wrongNumberOfArgumentsIsAnError() {
            assertError("any where length() > 1", 1, 11, "'length' takes 1 argument, found 0");
            assertError("any where substring(a) == \"\"", 1, 11, "'substring' takes 2 or 3 arguments, found 1");
            assertError("any where startsWith(a, \"b\", \"c\")", 1, 11, "'startsWith' takes 2 arguments, found 3");
            assertError("any where cidrMatch(a)", 1, 11, "'cidrMatch' takes at least 2 arguments, found 1");
        }

        @Test
        void unclosedCallIsAnError() {
            assertError("any where length(a", 1, 19,
                    "expected ',' or ')' to close the arguments opened at line 1, column 17, found the end of the query");
        }
    }

    @Nested
    class Comments {
        @Test
        void lineAndBlockCommentsAreSkippedAnywhere() {
            assertThat(EqlParser.parse("// leading\nprocess /* here */ where /* and\nthere */ true // trailing"))
                    .isEqualTo(new Query.EventQuery("process", lit(true)));
        }

        @Test
        void blockCommentsNest() {
            assertThat(EqlParser.parse("process where /* outer /* inner */ still outer */ true"))
                    .isEqualTo(new Query.EventQuery("process", lit(true)));
        }

        @Test
        void commentMarksInsideStringsAreText() {
            assertThat(string("\"/* not a comment */ // nor this\"")).isEqualTo("/* not a comment */ // nor this");
        }

        @Test
        void unterminatedCommentIsAnError() {
            assertError("process where true\n  /* no end", 2, 3, "unterminated comment: this '/*' has no closing '*/'");
        }
    }

    @Nested
    class Sequences {
        @Test
        void fullSequence() {
            Query query = EqlParser.parse("""
                    sequence by container.id with maxspan=30s
                      [process where event.type == "start"] by process.entity_id
                      [network where true] by process.entity_id with runs=3
                    until [process where event.type == "end"] by process.entity_id
                    """);
            Query.EventQuery start = new Query.EventQuery("process", eq(field("event.type"), lit("start")));
            Query.EventQuery end = new Query.EventQuery("process", eq(field("event.type"), lit("end")));
            List<Expr> entity = List.of(field("process.entity_id"));
            assertThat(query).isEqualTo(new Query.SequenceQuery(
                    List.of(field("container.id")), Duration.ofSeconds(30),
                    List.of(new Query.Stage(start, entity, 1, false),
                            new Query.Stage(new Query.EventQuery("network", lit(true)), entity, 3, false)),
                    new Query.Stage(end, entity, 1, false),
                    List.of()));
        }

        @ParameterizedTest
        @CsvSource({"250ms, PT0.25S", "10s, PT10S", "5m, PT5M", "2h, PT2H", "1d, PT24H", "3 m, PT3M"})
        void maxspanUnits(String span, Duration expected) {
            Query query = EqlParser.parse("sequence with maxspan=" + span + " [a where true] [b where true]");
            assertThat(((Query.SequenceQuery) query).maxspan()).isEqualTo(expected);
        }

        @Test
        void withoutKeysOrMaxspan() {
            assertThat(EqlParser.parse("sequence [a where true] [any where false]")).isEqualTo(new Query.SequenceQuery(
                    List.of(), null,
                    List.of(stage("a", lit(true)), new Query.Stage(new Query.EventQuery(null, lit(false)), List.of(), 1, false)),
                    null, List.of()));
        }

        @Test
        void missingEventStages() {
            Query query = EqlParser.parse("sequence by host.id with maxspan=1h ![a where true] [b where true] ![c where true]");
            assertThat(((Query.SequenceQuery) query).stages()).containsExactly(
                    new Query.Stage(new Query.EventQuery("a", lit(true)), List.of(), 1, true),
                    stage("b", lit(true)),
                    new Query.Stage(new Query.EventQuery("c", lit(true)), List.of(), 1, true));
        }

        @Test
        void oneStageRunningTwiceIsASequence() {
            Query query = EqlParser.parse("sequence [a where true] with runs=2");
            assertThat(((Query.SequenceQuery) query).stages())
                    .containsExactly(new Query.Stage(new Query.EventQuery("a", lit(true)), List.of(), 2, false));
        }

        @Test
        void optionalJoinKeys() {
            Query query = EqlParser.parse("sequence by ?user.id, `my-key` [a where true] [b where true]");
            assertThat(((Query.SequenceQuery) query).by()).containsExactly(new Expr.Field("user.id", true), field("my-key"));
        }

        @Test
        void runsMustBeBetweenOneAndAHundred() {
            assertError("sequence [a where true] with runs=0 [b where true]", 1, 35, "runs must be between 1 and 100, found 0");
            assertError("sequence [a where true] with runs=101", 1, 35, "runs must be between 1 and 100, found 101");
            assertThat(EqlParser.parse("sequence [a where true] with runs=100")).isInstanceOf(Query.SequenceQuery.class);
        }

        @Test
        void sequenceErrors() {
            assertError("sequence [a where true]", 1, 24, "expected another stage in square brackets, like"
                    + " [process where true] (a sequence has at least two), found the end of the query");
            assertError("sequence by a", 1, 14, "expected a stage in square brackets, like"
                    + " [process where true] (a sequence has at least two), found the end of the query");
            assertError("sequence with maxspan=1m by a [a where true] [b where true]", 1, 26,
                    "write 'by' before 'with': sequence by ... with maxspan=...");
            assertError("sequence with maxspan=30 [a where true] [b where true]", 1, 26,
                    "maxspan needs a time unit (ms, s, m, h or d), as in 30s");
            assertError("sequence with maxspan=3w [a where true] [b where true]", 1, 24,
                    "unknown time unit 'w': use ms, s, m, h or d");
            assertError("sequence with maxspan=1.5h [a where true] [b where true]", 1, 23,
                    "expected a whole number and a unit after 'maxspan=', like 30s, found '1.5'");
            assertError("sequence with maxspan=0s [a where true] [b where true]", 1, 23, "maxspan must be more than 0");
            assertError("sequence with runs=2 [a where true] [b where true]", 1, 15, "expected 'maxspan' after 'with', found 'runs'");
            assertError("sequence [a where true] [b where true", 1, 38,
                    "expected 'and', 'or' or ']' to close the stage opened at line 1, column 25, found the end of the query");
            assertError("sequence [a where true] by x [b where true] by x, y", 1, 30,
                    "every stage needs the same number of 'by' keys: the first stage has 1, this one has 2");
            assertError("sequence [a where true] with maxspan=1m", 1, 30,
                    "expected 'runs' after 'with' (maxspan belongs after 'sequence'), found 'maxspan'");
            assertError("sequence [a where true] [b where true] | sort a", 1, 42,
                    "the pipe 'sort' is not supported: only '| head N' and '| tail N' are");
            assertError("sequence [a where true] [b where true] x", 1, 40,
                    "expected '[' for another stage, 'until', a pipe '|' or the end of the query, found 'x'");
        }

        @Test
        void missingEventErrors() {
            assertError("sequence ![a where true] [b where true]", 1, 10,
                    "a missing-event stage ![...] needs a time window: write 'sequence with maxspan=...'");
            assertError("sequence with maxspan=1m ![a where true] with runs=2 [b where true]", 1, 42,
                    "a missing-event stage ![...] cannot repeat: remove 'with runs'");
            assertError("sequence with maxspan=1m ![a where true] ![b where true]", 1, 1,
                    "a sequence needs at least one stage that is not a missing event ![...]");
            assertError("sequence with maxspan=1m [a where true] [b where true] until ![c where true]", 1, 62,
                    "the 'until' stage cannot be a missing event: write [...] instead of ![...]");
        }

        @Test
        void untilStageCannotRepeat() {
            assertError("sequence [a where true] [b where true] until [c where true] with runs=2", 1, 61,
                    "'with runs=N' is only allowed on the stages of a sequence before 'until'");
        }
    }

    @Nested
    class Samples {
        @Test
        void sampleByKeys() {
            assertThat(EqlParser.parse("sample by host.id [a where true] by user.id [b where true] by user.name"))
                    .isEqualTo(new Query.SampleQuery(List.of(field("host.id")),
                            List.of(new Query.Stage(new Query.EventQuery("a", lit(true)), List.of(field("user.id")), 1, false),
                                    new Query.Stage(new Query.EventQuery("b", lit(true)), List.of(field("user.name")), 1, false)),
                            List.of()));
        }

        @Test
        void sampleErrors() {
            assertError("sample by a [a where true]", 1, 27, "expected another stage in square brackets, like"
                    + " [process where true] (a sample has at least two), found the end of the query");
            assertError("sample by a ![a where true] [b where true]", 1, 13, "missing-event stages ![...] are only for sequences");
            assertError("sample [a where true] with runs=2 [b where true]", 1, 23,
                    "'with runs=N' is only allowed on the stages of a sequence before 'until'");
        }
    }

    @Nested
    class Pipes {
        @Test
        void headAndTail() {
            assertThat(EqlParser.parse("process where true | head 5 | tail 2"))
                    .isEqualTo(new Query.EventQuery("process", lit(true), List.of(new Query.Pipe("head", 5), new Query.Pipe("tail", 2))));
            assertThat(EqlParser.parse("sequence [a where true] [b where true] | tail 1").pipes())
                    .containsExactly(new Query.Pipe("tail", 1));
        }

        @Test
        void otherPipesAreErrors() {
            assertError("process where true | count", 1, 22, "the pipe 'count' is not supported: only '| head N' and '| tail N' are");
            assertError("process where true | top 3", 1, 22, "unknown pipe 'top': expected head or tail");
            assertError("process where true | head", 1, 26, "expected a whole number of events after 'head', found the end of the query");
            assertError("process where true | head -1", 1, 27, "expected a whole number of events after 'head', found '-'");
            assertError("process where true | head 1 x", 1, 29, "expected a pipe '|' or the end of the query, found 'x'");
        }
    }

    @Nested
    class ErrorMessages {
        @Test
        void saysLineColumnAndWhatWasExpected() {
            EqlSyntaxException error = catchThrowableOfType(EqlSyntaxException.class, () -> EqlParser.parse("""
                    process where
                      process.name : "nc" and
                      event.type == )
                    """));
            assertThat(error.line()).isEqualTo(3);
            assertThat(error.column()).isEqualTo(17);
            assertThat(error).hasMessage("line 3, column 17: expected a value after '==', found ')'");
        }

        @Test
        void emptyParentheses() {
            assertError("any where ()", 1, 12, "expected a value after '(', found ')'");
        }

        @Test
        void unclosedParenthesis() {
            assertError("any where (a or b", 1, 18,
                    "expected ')' opened at line 1, column 11, found the end of the query");
            assertError("any where (a b)", 1, 14, "expected ')' opened at line 1, column 11, found 'b'");
        }

        @Test
        void upperCaseKeywordsGetAHint() {
            assertError("process where a == 1 AND b == 2", 1, 22, "expected 'and', 'or', a pipe '|' or the end of the query,"
                    + " found 'AND' (keywords are lower-case: write 'and')");
        }

        @Test
        void operatorsFromOtherLanguagesGetAHint() {
            assertError("any where a == 1 && b == 2", 1, 18, "unexpected '&&': write 'and'");
            assertError("any where a == 1 || b == 2", 1, 18, "unexpected '||': write 'or'");
            assertError("any where !a", 1, 11, "unexpected '!': write 'not' to negate a condition, or '!=' for 'not equal'");
        }

        @Test
        void unexpectedCharacter() {
            assertError("any where a == 1 # b", 1, 18, "unexpected character '#'");
        }

        @Test
        void keywordWhereAValueBelongs() {
            assertError("any where a == where", 1, 16, "expected a value after '==', found 'where'");
        }
    }

    @Nested
    class Nesting {
        @Test
        void tenThousandParenthesesAreTooDeep() {
            String query = "any where " + "(".repeat(10_000) + "true" + ")".repeat(10_000);
            assertError(query, 1, 211, "the query is nested too deeply: more than 200 levels of parentheses,"
                    + " 'not', signs or arithmetic");
        }

        @Test
        void tenThousandNotsAreTooDeep() {
            assertError("any where " + "not ".repeat(10_000) + "true", 1, 811, "the query is nested too deeply: more than"
                    + " 200 levels of parentheses, 'not', signs or arithmetic");
        }

        @Test
        void tenThousandMinusSignsAreTooDeep() {
            assertError("any where a == " + "-".repeat(10_000) + "1", 1, 216, "the query is nested too deeply: more than"
                    + " 200 levels of parentheses, 'not', signs or arithmetic");
        }

        @Test
        void longArithmeticChainsAreTooDeep() {
            assertError("any where a == 1" + " + 1".repeat(10_000), 1, 818, "the query is nested too deeply: more than"
                    + " 200 levels of parentheses, 'not', signs or arithmetic");
        }

        @Test
        void twoHundredLevelsAreAllowed() {
            Expr parsed = condition("(".repeat(200) + "true" + ")".repeat(200));
            assertThat(parsed).isEqualTo(lit(true));
            Expr nots = condition("not ".repeat(200) + "true");
            for (int i = 0; i < 200; i++) {
                nots = ((Expr.Not) nots).operand();
            }
            assertThat(nots).isEqualTo(lit(true));
        }

        @Test
        void longFlatConditionsAreFine() {
            Expr parsed = condition(String.join(" or ", java.util.Collections.nCopies(10_000, "a == 1")));
            assertThat(((Expr.Or) parsed).terms()).hasSize(10_000);
        }
    }

    private static Expr condition(String text) {
        return ((Query.EventQuery) EqlParser.parse("any where " + text)).condition();
    }

    private static Object value(String text) {
        Expr.Comparison comparison = (Expr.Comparison) condition("f == " + text);
        return ((Expr.Literal) comparison.right()).value();
    }

    private static String string(String literal) {
        return (String) value(literal);
    }

    private static void assertError(String query, int line, int column, String problem) {
        EqlSyntaxException error = catchThrowableOfType(EqlSyntaxException.class, () -> EqlParser.parse(query));
        assertThat(error).as("error for %s", query).isNotNull();
        assertThat(error).hasMessage("line " + line + ", column " + column + ": " + problem);
        assertThat(error.line()).isEqualTo(line);
        assertThat(error.column()).isEqualTo(column);
    }

    private static Expr.Field field(String path) {
        return new Expr.Field(path, false);
    }

    private static Expr lit(Object value) {
        return new Expr.Literal(value);
    }

    private static Expr eq(Expr left, Expr right) {
        return new Expr.Comparison(CompareOp.EQ, left, right);
    }

    private static Expr match(MatchKind kind, boolean caseInsensitive, String path, String... patterns) {
        return new Expr.Match(kind, caseInsensitive, field(path), Arrays.stream(patterns).map(EqlParserTest::lit).toList());
    }

    private static Query.Stage stage(String category, Expr condition) {
        return new Query.Stage(new Query.EventQuery(category, condition), List.of(), 1, false);
    }
}
