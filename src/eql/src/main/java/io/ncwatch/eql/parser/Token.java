package io.ncwatch.eql.parser;

/**
 * One token of EQL text at a 1-based line and column. {@code value} is the decoded string of a
 * STRING, the name of an identifier (backticks removed), the Long or Double of a number, else null.
 */
record Token(TokenKind kind, String text, Object value, int line, int column) {

    boolean is(TokenKind expected) {
        return kind == expected;
    }

    /** How an error message names this token: {@code ')'}, {@code "abc"}, the end of the query. */
    String describe() {
        if (kind == TokenKind.END) {
            return kind.label;
        }
        String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
        return kind == TokenKind.STRING ? shown : "'" + shown + "'";
    }
}
