package io.ncwatch.eql.parser;

import io.ncwatch.eql.parser.ast.Expr;
import io.ncwatch.eql.parser.ast.Query;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Parses EQL text, as Elasticsearch accepts it, into a {@link Query}: an event query
 * ({@code process where ...}, {@code any where ...}), a {@code sequence} or a {@code sample}, with
 * optional {@code | head N} and {@code | tail N} pipes. Bad input raises {@link EqlSyntaxException}
 * with the line, column and what was expected there.
 */
public final class EqlParser {
    private static final int MAX_RUNS = 100;
    private static final Set<String> UNSUPPORTED_PIPES = Set.of("count", "filter", "sort", "unique", "unique_count");
    private static final String AFTER_CONDITION = "'and', 'or'";
    private static final String AFTER_STAGES = "'[' for another stage";

    private final TokenCursor tokens;
    private final ConditionParser conditions;

    private EqlParser(String text) {
        this.tokens = new TokenCursor(Lexer.tokenize(text));
        this.conditions = new ConditionParser(tokens);
    }

    public static Query parse(String text) {
        Objects.requireNonNull(text, "text");
        return new EqlParser(text).query();
    }

    private Query query() {
        Token first = tokens.peek();
        switch (first.kind()) {
            case SEQUENCE:
                return sequence();
            case SAMPLE:
                return sample();
            case JOIN:
                throw TokenCursor.error(first, "'join' queries are not supported, as in Elasticsearch: use 'sequence'");
            default:
                Query.EventQuery filter = eventFilter("an event category (a name or a \"string\"), 'any', 'sequence' or 'sample'");
                return new Query.EventQuery(filter.category(), filter.condition(), pipes(AFTER_CONDITION));
        }
    }

    /** {@code <category> where <condition>} or {@code any where <condition>}. */
    private Query.EventQuery eventFilter(String expectedCategory) {
        Token token = tokens.peek();
        String category = switch (token.kind()) {
            case ANY -> null;
            case IDENTIFIER, STRING -> (String) token.value();
            default -> throw tokens.expected(expectedCategory);
        };
        tokens.next();
        tokens.expect(TokenKind.WHERE, "'where' after " + token.describe());
        return new Query.EventQuery(category, conditions.condition());
    }

    /** {@code sequence [by keys] [with maxspan=N unit] stages [until stage]}. */
    private Query sequence() {
        Token keyword = tokens.next();
        List<Expr> by = tokens.at(TokenKind.BY) ? joinKeys() : List.of();
        Duration maxspan = tokens.at(TokenKind.WITH) ? maxspan() : null;
        if (tokens.at(TokenKind.BY)) {
            throw TokenCursor.error(tokens.peek(), "write 'by' before 'with': sequence by ... with maxspan=...");
        }
        List<Query.Stage> stages = new ArrayList<>();
        int events = 0;
        while (tokens.at(TokenKind.LBRACKET) || tokens.at(TokenKind.MISSING_LBRACKET)) {
            Token open = tokens.peek();
            Query.Stage stage = stage(true);
            if (stage.missing() && maxspan == null) {
                throw TokenCursor.error(open, "a missing-event stage ![...] needs a time window: write 'sequence with maxspan=...'");
            }
            checkSameKeyCount(stages, stage, open);
            stages.add(stage);
            events += stage.runs();
        }
        if (events < 2) {
            throw tooFewStages(stages, "sequence");
        }
        if (stages.stream().allMatch(Query.Stage::missing)) {
            throw TokenCursor.error(keyword, "a sequence needs at least one stage that is not a missing event ![...]");
        }
        Query.Stage until = null;
        if (tokens.accept(TokenKind.UNTIL)) {
            Token open = tokens.peek();
            if (open.is(TokenKind.MISSING_LBRACKET)) {
                throw TokenCursor.error(open, "the 'until' stage cannot be a missing event: write [...] instead of ![...]");
            }
            until = stage(false);
            checkSameKeyCount(stages, until, open);
        }
        String alternatives = until == null ? AFTER_STAGES + ", 'until'" : "";
        return new Query.SequenceQuery(by, maxspan, List.copyOf(stages), until, pipes(alternatives));
    }

    /** {@code sample [by keys] stages}. */
    private Query sample() {
        tokens.next();
        List<Expr> by = tokens.at(TokenKind.BY) ? joinKeys() : List.of();
        List<Query.Stage> stages = new ArrayList<>();
        while (tokens.at(TokenKind.LBRACKET) || tokens.at(TokenKind.MISSING_LBRACKET)) {
            Token open = tokens.peek();
            if (open.is(TokenKind.MISSING_LBRACKET)) {
                throw TokenCursor.error(open, "missing-event stages ![...] are only for sequences");
            }
            Query.Stage stage = stage(false);
            checkSameKeyCount(stages, stage, open);
            stages.add(stage);
        }
        if (stages.size() < 2) {
            throw tooFewStages(stages, "sample");
        }
        return new Query.SampleQuery(by, List.copyOf(stages), pipes(AFTER_STAGES));
    }

    /** {@code [filter] [by keys] [with runs=N]} or {@code ![filter] [by keys]}. */
    private Query.Stage stage(boolean runsAllowed) {
        Token open = tokens.next();
        boolean missing = open.is(TokenKind.MISSING_LBRACKET);
        Query.EventQuery filter = eventFilter("an event category (a name or a \"string\") or 'any' after " + open.describe());
        tokens.expect(TokenKind.RBRACKET, AFTER_CONDITION + " or ']' to close the stage opened at line "
                + open.line() + ", column " + open.column());
        List<Expr> by = tokens.at(TokenKind.BY) ? joinKeys() : List.of();
        int runs = 1;
        if (tokens.at(TokenKind.WITH)) {
            Token with = tokens.peek();
            if (!runsAllowed) {
                throw TokenCursor.error(with, "'with runs=N' is only allowed on the stages of a sequence before 'until'");
            }
            if (missing) {
                throw TokenCursor.error(with, "a missing-event stage ![...] cannot repeat: remove 'with runs'");
            }
            runs = runs();
        }
        return new Query.Stage(filter, by, runs, missing);
    }

    private int runs() {
        tokens.next();
        Token key = tokens.peek();
        if (!key.is(TokenKind.IDENTIFIER) || !key.value().equals("runs")) {
            throw tokens.expected("'runs' after 'with' (maxspan belongs after 'sequence')");
        }
        tokens.next();
        tokens.expect(TokenKind.ASSIGN, "'=' after 'runs'");
        Token count = tokens.expect(TokenKind.INTEGER, "a whole number after 'runs='");
        long runs = (Long) count.value();
        if (runs < 1 || runs > MAX_RUNS) {
            throw TokenCursor.error(count, "runs must be between 1 and " + MAX_RUNS + ", found " + runs);
        }
        return (int) runs;
    }

    /** {@code with maxspan=N unit}, the unit one of ms, s, m, h, d as in Elasticsearch. */
    private Duration maxspan() {
        tokens.next();
        tokens.expect(TokenKind.MAXSPAN, "'maxspan' after 'with'");
        tokens.expect(TokenKind.ASSIGN, "'=' after 'maxspan'");
        Token amount = tokens.expect(TokenKind.INTEGER, "a whole number and a unit after 'maxspan=', like 30s");
        long value = (Long) amount.value();
        if (value == 0) {
            throw TokenCursor.error(amount, "maxspan must be more than 0");
        }
        Token unit = tokens.peek();
        String units = "ms, s, m, h or d";
        if (!unit.is(TokenKind.IDENTIFIER)) {
            throw TokenCursor.error(unit, "maxspan needs a time unit (" + units + "), as in " + value + "s");
        }
        tokens.next();
        ChronoUnit chronoUnit = switch ((String) unit.value()) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            case "d" -> ChronoUnit.DAYS;
            default -> throw TokenCursor.error(unit, "unknown time unit " + unit.describe() + ": use " + units);
        };
        try {
            return Duration.of(value, chronoUnit);
        } catch (ArithmeticException tooLong) {
            throw TokenCursor.error(amount, "maxspan is too long");
        }
    }

    /** {@code by field, field, ...}: join keys are fields, as in Elasticsearch. */
    private List<Expr> joinKeys() {
        tokens.next();
        List<Expr> keys = new ArrayList<>();
        do {
            keys.add(conditions.field());
        } while (tokens.accept(TokenKind.COMMA));
        return List.copyOf(keys);
    }

    private EqlSyntaxException tooFewStages(List<Query.Stage> stages, String queryKind) {
        return tokens.expected((stages.isEmpty() ? "a stage" : "another stage")
                + " in square brackets, like [process where true] (a " + queryKind + " has at least two)");
    }

    private static void checkSameKeyCount(List<Query.Stage> earlier, Query.Stage stage, Token at) {
        if (earlier.isEmpty() || earlier.get(0).by().size() == stage.by().size()) {
            return;
        }
        throw TokenCursor.error(at, "every stage needs the same number of 'by' keys: the first stage has "
                + earlier.get(0).by().size() + ", this one has " + stage.by().size());
    }

    /** {@code | head N}, {@code | tail N}, then the end; {@code alternatives} name what else could follow. */
    private List<Query.Pipe> pipes(String alternatives) {
        List<Query.Pipe> pipes = new ArrayList<>();
        while (tokens.accept(TokenKind.PIPE)) {
            Token name = tokens.expect(TokenKind.IDENTIFIER, "a pipe name after '|': head or tail");
            String pipe = (String) name.value();
            if (!pipe.equals("head") && !pipe.equals("tail")) {
                throw TokenCursor.error(name, UNSUPPORTED_PIPES.contains(pipe)
                        ? "the pipe '" + pipe + "' is not supported: only '| head N' and '| tail N' are"
                        : "unknown pipe '" + pipe + "': expected head or tail");
            }
            Token count = tokens.expect(TokenKind.INTEGER, "a whole number of events after '" + pipe + "'");
            pipes.add(new Query.Pipe(pipe, (Long) count.value()));
        }
        if (!tokens.at(TokenKind.END)) {
            String prefix = pipes.isEmpty() && !alternatives.isEmpty() ? alternatives + ", " : "";
            throw tokens.expected(prefix + "a pipe '|' or the end of the query");
        }
        return List.copyOf(pipes);
    }
}
