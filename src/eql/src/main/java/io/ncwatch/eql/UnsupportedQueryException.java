package io.ncwatch.eql;

/** Valid EQL that this version cannot evaluate yet (sequences and samples, for now). */
public final class UnsupportedQueryException extends RuntimeException {
    public UnsupportedQueryException(String message) {
        super(message);
    }
}
