package io.ncwatch.decode;

/**
 * An event that cannot be decoded. The job routes it to the dead-letter output and {@code hunt} reports
 * it, so {@link #getMessage()} says what is wrong in words an operator understands.
 */
public final class MalformedEventException extends Exception {

    /** Why an event was rejected; stable names for dead-letter records and counters. */
    public enum Reason {
        /** Not valid JSON, or not UTF-8. */
        NOT_JSON,
        /** Valid JSON whose top level is not an object. */
        NOT_AN_OBJECT,
        /** More bytes than {@link DecodeLimits#maxEventBytes()}. */
        TOO_LARGE,
        /** Objects and arrays nested deeper than {@link DecodeLimits#maxDepth()}. */
        TOO_DEEP,
        /** A decoded string, a field name or a number longer than the limits allow. */
        VALUE_TOO_LONG,
        /** No {@code @timestamp}, or {@code @timestamp: null}. */
        MISSING_TIMESTAMP,
        /**
         * An {@code @timestamp} that is neither an ISO-8601 date nor epoch milliseconds, or one outside
         * {@link EcsDecoder#EARLIEST_TIMESTAMP} to {@link EcsDecoder#LATEST_TIMESTAMP}.
         */
        BAD_TIMESTAMP,
        /** An object where a field that is read holds a value (a keyword, a number, an array of them). */
        WRONG_TYPE
    }

    private final Reason reason;
    private final String detail;

    public MalformedEventException(Reason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    /** What is wrong, without the reason's name. */
    public String detail() {
        return detail;
    }
}
