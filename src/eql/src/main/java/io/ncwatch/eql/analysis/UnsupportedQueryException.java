package io.ncwatch.eql.analysis;

/** Valid EQL that is not an event query: a sequence, a sample, or pipes, which are compiled and run apart. */
public final class UnsupportedQueryException extends RuntimeException {
    public UnsupportedQueryException(String message) {
        super(message);
    }
}
