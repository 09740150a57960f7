package io.ncwatch.job;

import io.ncwatch.alert.DeadLetterDocument;
import io.ncwatch.alert.RejectedDocument;
import io.ncwatch.connector.elasticsearch.EsDocument;
import io.ncwatch.connector.elasticsearch.RejectedDocumentHandler;
import io.ncwatch.connector.elasticsearch.Rejection;

/**
 * ncwatch's policy for documents Elasticsearch will never take: each becomes a dead-letter document
 * ({@link DeadLetterDocument}) in the dead-letter index, beside the records the job could not decode.
 */
final class ElasticsearchDeadLetters implements RejectedDocumentHandler {
    private final String deadLetterIndex;
    private final String namespace;

    ElasticsearchDeadLetters(String deadLetterIndex, String namespace) {
        this.deadLetterIndex = deadLetterIndex;
        this.namespace = namespace;
    }

    @Override
    public EsDocument replacementFor(EsDocument rejected, Rejection rejection) {
        RejectedDocument document = new RejectedDocument(rejected.index(), rejected.id(), rejected.json(),
                rejection.status(), rejection.type(), rejection.reason(), System.currentTimeMillis());
        return new EsDocument(deadLetterIndex, DeadLetterDocument.id(document), DeadLetterDocument.json(document, namespace));
    }

    /** Dead letters themselves, also those the dead-letter sink writes for undecodable records. */
    @Override
    public boolean isReplacement(EsDocument document) {
        return document.index().equals(deadLetterIndex);
    }
}
