package io.ncwatch.connector.elasticsearch;

/** The sink's handler when the caller gives none: a document that can never be written fails the job. */
enum FailOnRejection implements RejectedDocumentHandler {
    INSTANCE;

    @Override
    public EsDocument replacementFor(EsDocument rejected, Rejection rejection) {
        throw new IllegalStateException("Elasticsearch sink cannot write document " + rejected.id() + " for "
                + rejected.index() + " (" + rejection + ") and has no RejectedDocumentHandler to divert it");
    }

    @Override
    public boolean isReplacement(EsDocument document) {
        return false;
    }
}
