package io.ncwatch.connector.elasticsearch;

import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Flink sink that creates {@link EsDocument}s in Elasticsearch 8: bulk, create-only (so it writes to
 * data streams, and a replay of deterministic ids writes nothing twice), with exponential backoff while
 * Elasticsearch is down or busy, documents it rejects in a dead-letter index, and buffered documents in
 * checkpoints. Usage: {@code alerts.sinkTo(ElasticsearchSink.of(config)).uid("elasticsearch-alerts")}.
 *
 * <p>Metrics of each writer: {@code documentsWritten}, {@code documentsAlreadyPresent}, {@code
 * documentsDeadLettered}, {@code deadLettersRejected}, {@code retries} (backoffs taken) and the gauge
 * {@code currentBackoffMs} (0 once a bulk succeeds).
 */
public final class ElasticsearchSink extends AsyncSinkBase<EsDocument, EsDocument> {

    private final ElasticsearchSinkConfig config;

    private ElasticsearchSink(ElasticsearchSinkConfig config) {
        super((document, context) -> document, config.maxBatchSize(), config.maxInFlightRequests(),
                config.maxBufferedDocuments(), config.maxBatchBytes(), config.maxTimeInBuffer().toMillis(),
                config.maxDocumentBytes(), requestTimeoutMillis(config), false);
        this.config = config;
    }

    public static ElasticsearchSink of(ElasticsearchSinkConfig config) {
        return new ElasticsearchSink(config);
    }

    /** Flink's own timeout for a request: the HTTP timeout may apply to the templates and then to the bulk. */
    static long requestTimeoutMillis(ElasticsearchSinkConfig config) {
        return 2 * config.requestTimeout().toMillis() + 1000;
    }

    @Override
    public StatefulSinkWriter<EsDocument, BufferedRequestState<EsDocument>> createWriter(WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<EsDocument, BufferedRequestState<EsDocument>> restoreWriter(
            WriterInitContext context, Collection<BufferedRequestState<EsDocument>> states) {
        return new ElasticsearchSinkWriter(config, getElementConverter(), context, states);
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<EsDocument>> getWriterStateSerializer() {
        return new EsDocumentStateSerializer();
    }
}
