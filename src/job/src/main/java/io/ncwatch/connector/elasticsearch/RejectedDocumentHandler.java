package io.ncwatch.connector.elasticsearch;

import java.io.Serializable;

/**
 * What the sink does with a document Elasticsearch will never take (a mapping error, an invalid name)
 * or that is too large to send: retrying it would fail the same way, so the handler gives a document
 * to write instead, such as a dead-letter document in an index of its own. It runs on the sink's task
 * thread. Without a handler, such a document fails the job.
 */
public interface RejectedDocumentHandler extends Serializable {

    /** The document to write instead of {@code rejected}; throwing fails the job. */
    EsDocument replacementFor(EsDocument rejected, Rejection rejection);

    /**
     * Whether {@code document} is one of this handler's replacements. The sink counts those apart
     * ({@code documentsDeadLettered}, {@code deadLettersRejected}), does not tell its acknowledgement
     * listener of them, and never replaces one again: a replacement Elasticsearch rejects is logged
     * and lost, so a broken dead-letter index cannot make the sink loop.
     */
    boolean isReplacement(EsDocument document);
}
