package io.ncwatch.rules;

/** A rule file that cannot be read; the message names the file and, for NDJSON, the line. */
public final class RuleFileException extends RuntimeException {

    public RuleFileException(String where, String problem, Throwable cause) {
        super(where + ": " + problem, cause);
    }
}
