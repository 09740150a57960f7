package io.ncwatch.eql.analysis;

/** Valid EQL that this version cannot evaluate yet (sequences and samples, for now). */
public final class UnsupportedQueryException extends RuntimeException {
    public UnsupportedQueryException(String message) {
        super(message);
    }
}
