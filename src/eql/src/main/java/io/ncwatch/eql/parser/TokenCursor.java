package io.ncwatch.eql.parser;

import java.util.List;

/** Reads a token list front to back and words the errors about what was found there. */
final class TokenCursor {
    private final List<Token> tokens;
    private int index;

    TokenCursor(List<Token> tokens) {
        this.tokens = tokens;
    }

    Token peek() {
        return tokens.get(index);
    }

    /** The token after the next one (END when there is none). */
    Token peekSecond() {
        return tokens.get(Math.min(index + 1, tokens.size() - 1));
    }

    boolean at(TokenKind kind) {
        return peek().is(kind);
    }

    Token next() {
        Token token = peek();
        if (!token.is(TokenKind.END)) {
            index++;
        }
        return token;
    }

    /** The token before the next one, for "after '=='" in messages. */
    Token previous() {
        return tokens.get(Math.max(index - 1, 0));
    }

    /** Consumes the next token when it is of {@code kind}. */
    boolean accept(TokenKind kind) {
        if (at(kind)) {
            next();
            return true;
        }
        return false;
    }

    /** Consumes a token of {@code kind}, or fails with "expected {@code what}, found ...". */
    Token expect(TokenKind kind, String what) {
        if (!at(kind)) {
            throw expected(what);
        }
        return next();
    }

    /** "expected {@code what}, found X" at the next token, with a hint when X is an upper-case keyword. */
    EqlSyntaxException expected(String what) {
        Token found = peek();
        String problem = "expected " + what + ", found " + found.describe();
        if (found.is(TokenKind.IDENTIFIER)) {
            TokenKind keyword = TokenKind.keyword(((String) found.value()).toLowerCase(java.util.Locale.ROOT));
            if (keyword != null) {
                problem += " (keywords are lower-case: write " + keyword.label + ")";
            }
        }
        return error(found, problem);
    }

    static EqlSyntaxException error(Token at, String problem) {
        return new EqlSyntaxException(at.line(), at.column(), problem);
    }
}
