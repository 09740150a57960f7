package io.ncwatch.eql.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits EQL text into tokens, skipping whitespace and comments. Strings are decoded here, so a bad
 * escape is reported at the escape itself.
 */
final class Lexer {
    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int lineStart;

    private Lexer(String text) {
        this.text = text;
    }

    /** All tokens of {@code text}, ending with one END token. */
    static List<Token> tokenize(String text) {
        return new Lexer(text).run();
    }

    private List<Token> run() {
        while (true) {
            skipSpaceAndComments();
            if (pos >= text.length()) {
                tokens.add(new Token(TokenKind.END, "", null, line, column()));
                return tokens;
            }
            readToken();
        }
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                advance();
            } else if (text.startsWith("//", pos)) {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    advance();
                }
            } else if (text.startsWith("/*", pos)) {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    /** Block comments nest, as in Elasticsearch: {@code /* a /* b *}{@code / c *}{@code /}. */
    private void skipBlockComment() {
        int startLine = line;
        int startColumn = column();
        int depth = 0;
        do {
            if (pos >= text.length()) {
                throw new EqlSyntaxException(startLine, startColumn, "unterminated comment: this '/*' has no closing '*/'");
            }
            if (text.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (text.startsWith("*/", pos)) {
                depth--;
                pos += 2;
            } else {
                advance();
            }
        } while (depth > 0);
    }

    private void readToken() {
        char c = text.charAt(pos);
        if (isNameStart(c)) {
            readWord();
        } else if (isDigit(c) || (c == '.' && isDigit(charAt(pos + 1)))) {
            readNumber();
        } else if (c == '"') {
            if (text.startsWith("\"\"\"", pos)) {
                readRawString();
            } else {
                readString();
            }
        } else if (c == '`') {
            readQuotedName();
        } else if (c == '\'') {
            throw error("single quotes are not supported: write strings in double quotes, \"like this\"");
        } else if (c == '?' && (charAt(pos + 1) == '"' || charAt(pos + 1) == '\'')) {
            throw error("?\"...\" strings are not supported: write a raw string in triple double quotes, \"\"\"like this\"\"\"");
        } else {
            readOperator(c);
        }
    }

    private void readWord() {
        int start = pos;
        pos++;
        while (pos < text.length() && isNamePart(text.charAt(pos))) {
            pos++;
        }
        if (charAt(pos) == '~' && Character.isLetter(text.charAt(start))) {
            pos++;
        }
        String word = text.substring(start, pos);
        TokenKind keyword = TokenKind.keyword(word);
        if (keyword != null) {
            add(keyword, start, null);
        } else if (word.endsWith("~")) {
            add(TokenKind.TILDE_IDENTIFIER, start, word.substring(0, word.length() - 1));
        } else {
            add(TokenKind.IDENTIFIER, start, word);
        }
    }

    /** Integers are Long, or Double when too big for a Long (as Elasticsearch does); the rest Double. */
    private void readNumber() {
        int start = pos;
        skipDigits();
        boolean decimal = false;
        if (charAt(pos) == '.') {
            decimal = true;
            pos++;
            skipDigits();
        }
        int exponent = pos;
        if (charAt(exponent) == 'e' || charAt(exponent) == 'E') {
            exponent++;
            if (charAt(exponent) == '+' || charAt(exponent) == '-') {
                exponent++;
            }
            if (isDigit(charAt(exponent))) {
                decimal = true;
                pos = exponent;
                skipDigits();
            }
        }
        String number = text.substring(start, pos);
        if (decimal) {
            add(TokenKind.DECIMAL, start, Double.valueOf(number));
            return;
        }
        try {
            add(TokenKind.INTEGER, start, Long.valueOf(number));
        } catch (NumberFormatException tooBig) {
            add(TokenKind.DECIMAL, start, Double.valueOf(number));
        }
    }

    private void readString() {
        int start = pos;
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            char c = charAt(pos);
            if (pos >= text.length() || c == '\n' || c == '\r') {
                throw errorAt(start, "unterminated string: add the closing '\"' on the same line");
            }
            if (c == '"') {
                pos++;
                add(TokenKind.STRING, start, value.toString());
                return;
            }
            if (c == '\\') {
                readEscape(start, value);
            } else {
                value.append(c);
                pos++;
            }
        }
    }

    /** An unknown escape keeps its backslash ({@code "\d"} is backslash, d), as Elasticsearch does. */
    private void readEscape(int stringStart, StringBuilder value) {
        char c = charAt(pos + 1);
        if (pos + 1 >= text.length() || c == '\n' || c == '\r') {
            throw errorAt(stringStart, "unterminated string: add the closing '\"' on the same line");
        }
        switch (c) {
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case '\\' -> value.append('\\');
            case '"' -> value.append('"');
            case '\'' -> value.append('\'');
            case 'u' -> {
                readUnicodeEscape(value);
                return;
            }
            default -> value.append('\\').append(c);
        }
        pos += 2;
    }

    /** A Unicode escape: backslash, u, then 2 to 8 hex digits in braces naming a code point that is not a surrogate. */
    private void readUnicodeEscape(StringBuilder value) {
        int start = pos;
        String usage = "write a Unicode escape as \\u{...} with 2 to 8 hex digits, like \\u{e9}";
        if (charAt(pos + 2) != '{') {
            throw errorAt(start, usage);
        }
        int close = text.indexOf('}', pos + 3);
        int lineEnd = lineEnd(pos);
        if (close < 0 || close > lineEnd) {
            throw errorAt(start, usage);
        }
        String hex = text.substring(pos + 3, close);
        if (hex.length() < 2 || hex.length() > 8 || !hex.chars().allMatch(Lexer::isHexDigit)) {
            throw errorAt(start, usage + "; found \\u{" + hex + "}");
        }
        long code = Long.parseLong(hex, 16);
        if (code > Character.MAX_CODE_POINT || (code >= Character.MIN_SURROGATE && code <= Character.MAX_SURROGATE)) {
            throw errorAt(start, "\\u{" + hex + "} is not a Unicode character");
        }
        value.appendCodePoint((int) code);
        pos = close + 1;
    }

    /**
     * {@code """raw"""}: everything up to the first {@code """} on the same line; up to two more quotes
     * right after it belong to the string ({@code """a""""} is {@code a"}), as in Elasticsearch.
     */
    private void readRawString() {
        int start = pos;
        int close = text.indexOf("\"\"\"", pos + 3);
        if (close < 0 || close > lineEnd(pos)) {
            throw errorAt(start, "unterminated raw string: add the closing '\"\"\"' on the same line");
        }
        int end = close + 3;
        for (int extra = 0; extra < 2 && charAt(end) == '"'; extra++) {
            end++;
        }
        pos = end;
        add(TokenKind.STRING, start, text.substring(start + 3, end - 3));
    }

    /** {@code `my-field`}; a doubled backtick stands for one. */
    private void readQuotedName() {
        int start = pos;
        int startLine = line;
        int startColumn = column();
        StringBuilder name = new StringBuilder();
        advance();
        while (true) {
            if (pos >= text.length()) {
                throw new EqlSyntaxException(startLine, startColumn, "unterminated field name: add the closing '`'");
            }
            if (text.startsWith("``", pos)) {
                name.append('`');
                pos += 2;
            } else if (text.charAt(pos) == '`') {
                pos++;
                break;
            } else {
                name.append(text.charAt(pos));
                advance();
            }
        }
        if (name.isEmpty()) {
            throw new EqlSyntaxException(startLine, startColumn, "empty field name between backticks");
        }
        tokens.add(new Token(TokenKind.QUOTED_IDENTIFIER, text.substring(start, pos), name.toString(), startLine, startColumn));
    }

    private void readOperator(char c) {
        int start = pos;
        char next = charAt(pos + 1);
        TokenKind kind = switch (c) {
            case '=' -> next == '=' ? TokenKind.EQ : TokenKind.ASSIGN;
            case '!' -> switch (next) {
                case '=' -> TokenKind.NEQ;
                case '[' -> TokenKind.MISSING_LBRACKET;
                default -> throw error("unexpected '!': write 'not' to negate a condition, or '!=' for 'not equal'");
            };
            case '<' -> next == '=' ? TokenKind.LE : TokenKind.LT;
            case '>' -> next == '=' ? TokenKind.GE : TokenKind.GT;
            case '|' -> {
                if (next == '|') {
                    throw error("unexpected '||': write 'or'");
                }
                yield TokenKind.PIPE;
            }
            case '&' -> throw error("unexpected '" + (next == '&' ? "&&" : "&") + "': write 'and'");
            case ':' -> TokenKind.COLON;
            case '+' -> TokenKind.PLUS;
            case '-' -> TokenKind.MINUS;
            case '*' -> TokenKind.STAR;
            case '/' -> TokenKind.SLASH;
            case '%' -> TokenKind.PERCENT;
            case '.' -> TokenKind.DOT;
            case ',' -> TokenKind.COMMA;
            case '(' -> TokenKind.LPAREN;
            case ')' -> TokenKind.RPAREN;
            case '[' -> TokenKind.LBRACKET;
            case ']' -> TokenKind.RBRACKET;
            case '?' -> TokenKind.QUESTION;
            default -> throw error("unexpected character '" + new String(Character.toChars(text.codePointAt(pos))) + "'");
        };
        pos += kind.spelling().length();
        add(kind, start, null);
    }

    private void add(TokenKind kind, int start, Object value) {
        tokens.add(new Token(kind, text.substring(start, pos), value, line, start - lineStart + 1));
    }

    private void skipDigits() {
        while (isDigit(charAt(pos))) {
            pos++;
        }
    }

    private void advance() {
        if (text.charAt(pos) == '\n') {
            line++;
            lineStart = pos + 1;
        }
        pos++;
    }

    private int lineEnd(int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                return i;
            }
        }
        return text.length();
    }

    private char charAt(int index) {
        return index < text.length() ? text.charAt(index) : '\0';
    }

    private int column() {
        return pos - lineStart + 1;
    }

    private EqlSyntaxException error(String problem) {
        return errorAt(pos, problem);
    }

    /** For positions on the current line (every token but comments and quoted names stays on one line). */
    private EqlSyntaxException errorAt(int offset, String problem) {
        return new EqlSyntaxException(line, offset - lineStart + 1, problem);
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '@';
    }

    private static boolean isNamePart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(int c) {
        return isDigit((char) c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
