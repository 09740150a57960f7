package io.ncwatch.alert;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A document Elasticsearch will never take, as the Elasticsearch sink reports it: where it was going,
 * its id and JSON, and why.
 *
 * @param status the HTTP status Elasticsearch answered for it; empty when the sink itself refused it (too large)
 * @param reason Elasticsearch's error type, such as {@code document_parsing_exception}
 * @param detail Elasticsearch's reason, a sentence
 * @param time when it was rejected, epoch milliseconds
 */
public record RejectedDocument(String index, String id, byte[] json, OptionalInt status, String reason, String detail,
        long time) {

    public RejectedDocument {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
