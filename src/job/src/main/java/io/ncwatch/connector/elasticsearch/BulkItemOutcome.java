package io.ncwatch.connector.elasticsearch;

/** What the sink does with one item of a bulk {@code create} response, by its HTTP status. */
enum BulkItemOutcome {
    /** 2xx: the document is now in Elasticsearch. */
    WRITTEN,
    /** 409: a document with this id exists; ids are deterministic, so this one was written before. */
    ALREADY_PRESENT,
    /** 429 or 5xx: Elasticsearch is busy or failing; send the document again after a backoff. */
    RETRY,
    /** Any other status (mapping errors, invalid names): sending it again would fail the same way. */
    REJECTED;

    static BulkItemOutcome of(int status) {
        if (status >= 200 && status < 300) {
            return WRITTEN;
        }
        if (status == 409) {
            return ALREADY_PRESENT;
        }
        if (status == 429 || status >= 500) {
            return RETRY;
        }
        return REJECTED;
    }
}
