package io.ncwatch.eql.parser;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The kinds of token in EQL text; {@code label} is how an error message names the kind. */
enum TokenKind {
    IDENTIFIER("a name"),
    QUOTED_IDENTIFIER("a `quoted` name"),
    TILDE_IDENTIFIER("a function name with '~'"),
    STRING("a string"),
    INTEGER("a number"),
    DECIMAL("a number"),
    END("the end of the query"),

    AND("'and'"), ANY("'any'"), BY("'by'"), FALSE("'false'"), IN("'in'"), IN_INSENSITIVE("'in~'"),
    JOIN("'join'"), LIKE("'like'"), LIKE_INSENSITIVE("'like~'"), MAXSPAN("'maxspan'"), NOT("'not'"),
    NULL("'null'"), OF("'of'"), OR("'or'"), REGEX("'regex'"), REGEX_INSENSITIVE("'regex~'"),
    SAMPLE("'sample'"), SEQUENCE("'sequence'"), TRUE("'true'"), UNTIL("'until'"), WHERE("'where'"),
    WITH("'with'"),

    EQ("'=='"), NEQ("'!='"), ASSIGN("'='"), LT("'<'"), LE("'<='"), GT("'>'"), GE("'>='"), COLON("':'"),
    PLUS("'+'"), MINUS("'-'"), STAR("'*'"), SLASH("'/'"), PERCENT("'%'"),
    DOT("'.'"), COMMA("','"), LPAREN("'('"), RPAREN("')'"), LBRACKET("'['"), RBRACKET("']'"),
    MISSING_LBRACKET("'!['"), PIPE("'|'"), QUESTION("'?'");

    /** Keywords are lower-case and case-sensitive, as in Elasticsearch's grammar. */
    private static final Map<String, TokenKind> KEYWORDS = Arrays.stream(values())
            .filter(TokenKind::isKeyword)
            .collect(Collectors.toUnmodifiableMap(TokenKind::spelling, Function.identity()));

    final String label;

    TokenKind(String label) {
        this.label = label;
    }

    boolean isKeyword() {
        return ordinal() >= AND.ordinal() && ordinal() <= WITH.ordinal();
    }

    /** The keyword a word spells ({@code in~} included), or null when it is a plain name. */
    static TokenKind keyword(String word) {
        return KEYWORDS.get(word);
    }

    /** The text of a keyword or symbol ({@code where}, {@code ==}); its label without the quotes. */
    String spelling() {
        return label.substring(1, label.length() - 1);
    }
}
