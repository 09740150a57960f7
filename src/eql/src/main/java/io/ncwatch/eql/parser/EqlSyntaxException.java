package io.ncwatch.eql.parser;

/** The query text is not valid EQL; the message says where and what was expected. */
public final class EqlSyntaxException extends RuntimeException {
    private final int line;
    private final int column;

    public EqlSyntaxException(int line, int column, String problem) {
        super("line " + line + ", column " + column + ": " + problem);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
