package io.ncwatch.connector.elasticsearch;

import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Flink sink that creates documents in Elasticsearch 8 and 9: an element converter turns each input into an
 * {@link EsDocument}, sent in bulk {@code create} requests (so it writes to data streams, and a replay
 * of deterministic ids writes nothing twice), with exponential backoff while Elasticsearch is down or
 * busy, documents it will never take passed to a {@link RejectedDocumentHandler}, and buffered
 * documents in checkpoints. Built with {@link #builder()}:
 * {@code stream.sinkTo(ElasticsearchSink.<T>builder().setHosts(url).setElementConverter(c).build())}.
 *
 * <p>Metrics of each writer: {@code documentsWritten}, {@code documentsAlreadyPresent}, {@code
 * documentsDeadLettered} (replacements written), {@code deadLettersRejected} (replacements lost),
 * {@code retries} (backoffs taken) and the gauge {@code currentBackoffMs} (0 once a bulk succeeds).
 */
public final class ElasticsearchSink<InputT> extends AsyncSinkBase<InputT, EsDocument> {

    private final SinkSettings settings;

    ElasticsearchSink(ElementConverter<InputT, EsDocument> converter, int maxBatchSize, int maxInFlightRequests,
            int maxBufferedRequests, long maxBatchSizeInBytes, long maxTimeInBufferMs, long maxRecordSizeInBytes,
            SinkSettings settings) {
        super(new SizeLimitedConverter<>(converter, settings.rejectedDocumentHandler(), maxRecordSizeInBytes),
                maxBatchSize, maxInFlightRequests, maxBufferedRequests, maxBatchSizeInBytes, maxTimeInBufferMs,
                maxRecordSizeInBytes, settings.flinkRequestTimeoutMillis(), false);
        this.settings = settings;
    }

    public static <InputT> ElasticsearchSinkBuilder<InputT> builder() {
        return new ElasticsearchSinkBuilder<>();
    }

    @Override
    public StatefulSinkWriter<InputT, BufferedRequestState<EsDocument>> createWriter(WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<InputT, BufferedRequestState<EsDocument>> restoreWriter(
            WriterInitContext context, Collection<BufferedRequestState<EsDocument>> states) {
        BackoffRateLimitingStrategy rateLimiter = new BackoffRateLimitingStrategy(
                getMaxInFlightRequests(), getMaxBatchSize(), context.getProcessingTimeService());
        AsyncSinkWriterConfiguration configuration = AsyncSinkWriterConfiguration.builder()
                .setMaxBatchSize(getMaxBatchSize())
                .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
                .setMaxInFlightRequests(getMaxInFlightRequests())
                .setMaxBufferedRequests(getMaxBufferedRequests())
                .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
                .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
                .setRequestTimeoutMS(getRequestTimeoutMS())
                .setFailOnTimeout(getFailOnTimeout())
                .setRateLimitingStrategy(rateLimiter)
                .build();
        return new ElasticsearchSinkWriter<>(settings, getElementConverter(), configuration, rateLimiter, context, states);
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<EsDocument>> getWriterStateSerializer() {
        return new EsDocumentStateSerializer();
    }

    /** The settings, with every secret shown as where it is, never as its value. */
    @Override
    public String toString() {
        return "ElasticsearchSink{" + settings + ", maxBatchSize=" + getMaxBatchSize()
                + ", maxBatchSizeInBytes=" + getMaxBatchSizeInBytes() + ", maxInFlightRequests=" + getMaxInFlightRequests()
                + ", maxBufferedRequests=" + getMaxBufferedRequests() + ", maxTimeInBufferMS=" + getMaxTimeInBufferMS()
                + ", maxRecordSizeInBytes=" + getMaxRecordSizeInBytes() + "}";
    }
}
