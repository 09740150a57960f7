package io.ncwatch.connector.elasticsearch;

import java.util.OptionalInt;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's element converter, with a document larger than {@code maxRecordSizeInBytes} handed to
 * the {@link RejectedDocumentHandler} before it reaches the writer's buffer, which would otherwise fail
 * the job on it.
 */
final class SizeLimitedConverter<InputT> implements ElementConverter<InputT, EsDocument> {

    private static final Logger LOG = LoggerFactory.getLogger(SizeLimitedConverter.class);

    private final ElementConverter<InputT, EsDocument> converter;
    private final RejectedDocumentHandler handler;
    private final long maxDocumentBytes;

    SizeLimitedConverter(ElementConverter<InputT, EsDocument> converter, RejectedDocumentHandler handler,
            long maxDocumentBytes) {
        this.converter = converter;
        this.handler = handler;
        this.maxDocumentBytes = maxDocumentBytes;
    }

    @Override
    public void open(WriterInitContext context) {
        converter.open(context);
    }

    @Override
    public EsDocument apply(InputT element, SinkWriter.Context context) {
        EsDocument document = converter.apply(element, context);
        if (document.sizeInBytes() <= maxDocumentBytes) {
            return document;
        }
        Rejection rejection = new Rejection(OptionalInt.empty(), Rejection.DOCUMENT_TOO_LARGE,
                "document of " + document.sizeInBytes() + " bytes exceeds maxRecordSizeInBytes " + maxDocumentBytes);
        EsDocument replacement = handler.replacementFor(document, rejection);
        if (replacement.sizeInBytes() > maxDocumentBytes) {
            throw new IllegalStateException("the replacement of document " + document.id() + " for "
                    + document.index() + " has " + replacement.sizeInBytes()
                    + " bytes: more than maxRecordSizeInBytes " + maxDocumentBytes + " too");
        }
        LOG.warn("Replacing document {} for {}: {}", document.id(), document.index(), rejection);
        return replacement;
    }
}
