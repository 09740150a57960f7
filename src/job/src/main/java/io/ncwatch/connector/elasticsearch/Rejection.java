package io.ncwatch.connector.elasticsearch;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Why a document will never be written: Elasticsearch's error type and reason with the item's HTTP
 * status, or, when the sink refused the document itself before sending it, no status.
 */
public record Rejection(OptionalInt status, String type, String reason) {

    /** The error type of a document larger than the sink's {@code maxRecordSizeInBytes}. */
    public static final String DOCUMENT_TOO_LARGE = "document_too_large";

    public Rejection {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return (status.isPresent() ? status.getAsInt() + " " : "") + type + ": " + reason;
    }
}
