package io.ncwatch.eql.parser;

import io.ncwatch.eql.parser.ast.Expr;
import io.ncwatch.eql.parser.ast.Expr.ArithmeticOp;
import io.ncwatch.eql.parser.ast.Expr.CompareOp;
import io.ncwatch.eql.parser.ast.Expr.MatchKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Parses the condition after {@code where}, one method per precedence level, loosest first:
 * or, and, not, comparison and match, {@code + -}, {@code * / %}, unary minus, primary.
 * Nesting is limited to {@value #MAX_DEPTH} levels so that deep input fails with a syntax error
 * instead of exhausting the stack (here or in whoever walks the tree later).
 */
final class ConditionParser {
    static final int MAX_DEPTH = 200;

    private static final String FUNCTION_NAMES = Arrays.stream(EqlFunction.values())
            .map(f -> f.name)
            .collect(Collectors.joining(", "));

    private final TokenCursor tokens;
    private int depth;

    ConditionParser(TokenCursor tokens) {
        this.tokens = tokens;
    }

    Expr condition() {
        Expr first = and();
        if (!tokens.at(TokenKind.OR)) {
            return first;
        }
        List<Expr> terms = new ArrayList<>(List.of(first));
        while (tokens.accept(TokenKind.OR)) {
            terms.add(and());
        }
        return new Expr.Or(List.copyOf(terms));
    }

    private Expr and() {
        Expr first = not();
        if (!tokens.at(TokenKind.AND)) {
            return first;
        }
        List<Expr> terms = new ArrayList<>(List.of(first));
        while (tokens.accept(TokenKind.AND)) {
            terms.add(not());
        }
        return new Expr.And(List.copyOf(terms));
    }

    private Expr not() {
        if (!tokens.at(TokenKind.NOT)) {
            return comparison();
        }
        enter(tokens.next());
        Expr operand = not();
        depth--;
        return new Expr.Not(operand);
    }

    /** One comparison or match at most: {@code a < b < c} is an error, as in Elasticsearch. */
    private Expr comparison() {
        Expr left = additive();
        Token operator = tokens.peek();
        Expr test;
        if (compareOp(operator.kind()) != null) {
            test = compare(left);
        } else if (isMatchOperator(operator.kind()) || operator.is(TokenKind.NOT)) {
            test = match(left);
        } else if (operator.is(TokenKind.ASSIGN)) {
            throw TokenCursor.error(operator, "'=' is not a comparison: write '==' (or ':' to compare without case)");
        } else if (operator.is(TokenKind.OF)) {
            throw TokenCursor.error(operator, "process relationships ('descendant of', 'child of', 'event of') are not supported, as in Elasticsearch");
        } else {
            return left;
        }
        Token after = tokens.peek();
        if (compareOp(after.kind()) != null || isMatchOperator(after.kind()) || after.is(TokenKind.ASSIGN)) {
            throw TokenCursor.error(after, "comparisons cannot be chained: join them with 'and', as in 'a < b and b < c'");
        }
        return test;
    }

    /** {@code !=} becomes not (==). One side must be a constant: Elasticsearch cannot compare two fields. */
    private Expr compare(Expr left) {
        Token operator = tokens.next();
        Token rightStart = tokens.peek();
        Expr right = additive();
        if (!isConstant(left) && !isConstant(right)) {
            throw TokenCursor.error(rightStart, "one side of " + operator.describe() + " must be a constant: comparing a field"
                    + " with another field (or with a value computed from fields) is not supported, as in Elasticsearch");
        }
        if (operator.is(TokenKind.NEQ)) {
            return new Expr.Not(new Expr.Comparison(CompareOp.EQ, left, right));
        }
        return new Expr.Comparison(compareOp(operator.kind()), left, right);
    }

    /** {@code in}, {@code in~}, {@code :}, {@code like}, {@code like~}, {@code regex}, {@code regex~}, {@code not in}. */
    private Expr match(Expr value) {
        boolean negated = false;
        if (tokens.at(TokenKind.NOT)) {
            Token not = tokens.next();
            if (!tokens.at(TokenKind.IN) && !tokens.at(TokenKind.IN_INSENSITIVE)) {
                throw TokenCursor.error(not, "only 'in' and 'in~' can follow 'not' here; to negate another test,"
                        + " put 'not' before it, as in 'not process.name like \"x*\"'");
            }
            negated = true;
        }
        Token operator = tokens.next();
        Expr match = switch (operator.kind()) {
            case IN -> new Expr.Match(MatchKind.IN, false, value, inValues(operator));
            case IN_INSENSITIVE -> new Expr.Match(MatchKind.IN, true, value, inValues(operator));
            case COLON, LIKE_INSENSITIVE -> new Expr.Match(MatchKind.LIKE, true, value, patterns(operator));
            case LIKE -> new Expr.Match(MatchKind.LIKE, false, value, patterns(operator));
            case REGEX -> new Expr.Match(MatchKind.REGEX, false, value, patterns(operator));
            case REGEX_INSENSITIVE -> new Expr.Match(MatchKind.REGEX, true, value, patterns(operator));
            default -> throw new IllegalStateException("not a match operator: " + operator);
        };
        return negated ? new Expr.Not(match) : match;
    }

    /** The parenthesized list after {@code in}: constants only, as in Elasticsearch. */
    private List<Expr> inValues(Token operator) {
        Token open = tokens.expect(TokenKind.LPAREN, "'(' after " + operator.describe() + " to start a list such as (\"a\", \"b\")");
        List<Expr> values = new ArrayList<>();
        do {
            Token start = tokens.peek();
            Expr value = condition();
            if (!isConstant(value)) {
                throw TokenCursor.error(start, "the values after " + operator.describe() + " must be constants: comparing a field"
                        + " with another field is not supported, as in Elasticsearch");
            }
            values.add(value);
        } while (tokens.accept(TokenKind.COMMA));
        close(open, "',' or ')' to close the list");
        return List.copyOf(values);
    }

    /** One string, or a parenthesized list of strings, after {@code :}, {@code like} or {@code regex}. */
    private List<Expr> patterns(Token operator) {
        if (!tokens.at(TokenKind.LPAREN)) {
            return List.of(pattern(operator));
        }
        Token open = tokens.next();
        List<Expr> patterns = new ArrayList<>();
        do {
            patterns.add(pattern(tokens.previous()));
        } while (tokens.accept(TokenKind.COMMA));
        close(open, "',' or ')' to close the list");
        return List.copyOf(patterns);
    }

    private Expr pattern(Token after) {
        Token token = tokens.peek();
        if (!token.is(TokenKind.STRING)) {
            throw TokenCursor.error(token, "expected a string after " + after.describe() + ", found " + token.describe());
        }
        tokens.next();
        return new Expr.Literal(token.value());
    }

    private Expr additive() {
        Expr left = multiplicative();
        int nested = 0;
        while (tokens.at(TokenKind.PLUS) || tokens.at(TokenKind.MINUS)) {
            Token operator = tokens.next();
            enter(operator);
            nested++;
            ArithmeticOp op = operator.is(TokenKind.PLUS) ? ArithmeticOp.ADD : ArithmeticOp.SUB;
            left = new Expr.Arithmetic(op, left, multiplicative());
        }
        depth -= nested;
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        int nested = 0;
        while (tokens.at(TokenKind.STAR) || tokens.at(TokenKind.SLASH) || tokens.at(TokenKind.PERCENT)) {
            Token operator = tokens.next();
            enter(operator);
            nested++;
            ArithmeticOp op = switch (operator.kind()) {
                case STAR -> ArithmeticOp.MUL;
                case SLASH -> ArithmeticOp.DIV;
                default -> ArithmeticOp.MOD;
            };
            left = new Expr.Arithmetic(op, left, unary());
        }
        depth -= nested;
        return left;
    }

    /** {@code -5} is the literal -5; {@code -x} is Negate(x); a unary {@code +} is dropped, as Elasticsearch does. */
    private Expr unary() {
        if (!tokens.at(TokenKind.MINUS) && !tokens.at(TokenKind.PLUS)) {
            return primary();
        }
        Token sign = tokens.next();
        enter(sign);
        Expr operand = unary();
        depth--;
        if (sign.is(TokenKind.PLUS)) {
            return operand;
        }
        if (operand instanceof Expr.Literal literal && literal.value() instanceof Long number) {
            return new Expr.Literal(-number);
        }
        if (operand instanceof Expr.Literal literal && literal.value() instanceof Double number) {
            return new Expr.Literal(-number);
        }
        return new Expr.Negate(operand);
    }

    private Expr primary() {
        Token token = tokens.peek();
        switch (token.kind()) {
            case LPAREN:
                return parenthesized();
            case STRING:
            case INTEGER:
            case DECIMAL:
                tokens.next();
                return new Expr.Literal(token.value());
            case TRUE:
            case FALSE:
                tokens.next();
                return new Expr.Literal(token.is(TokenKind.TRUE));
            case NULL:
                tokens.next();
                return new Expr.Literal(null);
            case TILDE_IDENTIFIER:
                return call();
            case IDENTIFIER:
                return tokens.peekSecond().is(TokenKind.LPAREN) ? call() : field();
            case QUOTED_IDENTIFIER:
            case QUESTION:
                return field();
            default:
                throw tokens.expected("a value after " + tokens.previous().describe());
        }
    }

    private Expr parenthesized() {
        Token open = tokens.next();
        enter(open);
        Expr inner = condition();
        close(open, "')'");
        depth--;
        return inner;
    }

    /** {@code name(args)} or {@code name~(args)}; the name must be one of EQL's functions with the right arity. */
    private Expr call() {
        Token name = tokens.next();
        EqlFunction function = EqlFunction.named((String) name.value());
        if (function == null) {
            throw TokenCursor.error(name, "unknown function '" + name.value() + "'; the functions are " + FUNCTION_NAMES);
        }
        boolean caseInsensitive = name.is(TokenKind.TILDE_IDENTIFIER);
        if (caseInsensitive && !function.hasCaseInsensitiveForm) {
            throw TokenCursor.error(name, "'" + function.name + "' has no case-insensitive form: remove the '~'");
        }
        Token open = tokens.expect(TokenKind.LPAREN, "'(' after the function name " + name.describe());
        enter(open);
        List<Expr> args = new ArrayList<>();
        if (!tokens.at(TokenKind.RPAREN)) {
            do {
                args.add(condition());
            } while (tokens.accept(TokenKind.COMMA));
        }
        close(open, "',' or ')' to close the arguments");
        depth--;
        if (args.size() < function.minArgs || args.size() > function.maxArgs) {
            throw TokenCursor.error(name, "'" + function.name + "' " + function.arity() + ", found " + args.size());
        }
        return new Expr.Call(function.name, caseInsensitive, List.copyOf(args));
    }

    /** A field name: {@code process.name}, {@code @timestamp}, {@code `my-field`}, {@code ?optional.field}. */
    Expr.Field field() {
        boolean optional = tokens.accept(TokenKind.QUESTION);
        StringBuilder path = new StringBuilder(fieldNamePart());
        while (tokens.accept(TokenKind.DOT)) {
            path.append('.').append(fieldNamePart());
        }
        if (tokens.at(TokenKind.LBRACKET) && tokens.peekSecond().is(TokenKind.INTEGER)) {
            throw TokenCursor.error(tokens.peekSecond(), "array indexes are not supported, as in Elasticsearch");
        }
        return new Expr.Field(path.toString(), optional);
    }

    private String fieldNamePart() {
        Token token = tokens.peek();
        if (token.is(TokenKind.IDENTIFIER) || token.is(TokenKind.QUOTED_IDENTIFIER)) {
            tokens.next();
            return (String) token.value();
        }
        if (token.kind().isKeyword()) {
            throw TokenCursor.error(token, "'" + token.text() + "' is a keyword: to use it in a field name,"
                    + " put that part in backticks, as in `" + token.text() + "`");
        }
        throw tokens.expected("a field name after " + tokens.previous().describe());
    }

    private void close(Token open, String what) {
        tokens.expect(TokenKind.RPAREN, what + " opened at line " + open.line() + ", column " + open.column());
    }

    private void enter(Token at) {
        if (++depth > MAX_DEPTH) {
            throw TokenCursor.error(at, "the query is nested too deeply: more than " + MAX_DEPTH
                    + " levels of parentheses, 'not', signs or arithmetic");
        }
    }

    /** True when the expression reads no field, so its value is the same for every event. */
    private static boolean isConstant(Expr expr) {
        if (expr instanceof Expr.Field) {
            return false;
        }
        if (expr instanceof Expr.Literal) {
            return true;
        }
        return children(expr).stream().allMatch(ConditionParser::isConstant);
    }

    private static List<Expr> children(Expr expr) {
        if (expr instanceof Expr.And and) {
            return and.terms();
        } else if (expr instanceof Expr.Or or) {
            return or.terms();
        } else if (expr instanceof Expr.Not not) {
            return List.of(not.operand());
        } else if (expr instanceof Expr.Negate negate) {
            return List.of(negate.operand());
        } else if (expr instanceof Expr.Comparison comparison) {
            return List.of(comparison.left(), comparison.right());
        } else if (expr instanceof Expr.Arithmetic arithmetic) {
            return List.of(arithmetic.left(), arithmetic.right());
        } else if (expr instanceof Expr.Call call) {
            return call.args();
        } else if (expr instanceof Expr.Match match) {
            List<Expr> all = new ArrayList<>(match.patterns());
            all.add(match.value());
            return all;
        }
        throw new IllegalStateException("unknown expression " + expr);
    }

    private static CompareOp compareOp(TokenKind kind) {
        return switch (kind) {
            case EQ, NEQ -> CompareOp.EQ;
            case LT -> CompareOp.LT;
            case LE -> CompareOp.LE;
            case GT -> CompareOp.GT;
            case GE -> CompareOp.GE;
            default -> null;
        };
    }

    private static boolean isMatchOperator(TokenKind kind) {
        return switch (kind) {
            case IN, IN_INSENSITIVE, COLON, LIKE, LIKE_INSENSITIVE, REGEX, REGEX_INSENSITIVE -> true;
            default -> false;
        };
    }
}
