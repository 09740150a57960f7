package io.ncwatch.connector.elasticsearch;

import io.ncwatch.connector.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.flink.connector.base.sink.AsyncSinkBaseBuilder;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/**
 * Builds an {@link ElasticsearchSink}. Only the hosts and the element converter are required; the
 * batching setters come from {@link AsyncSinkBaseBuilder}. Defaults: one bulk per 1000 documents or
 * 5 MB or 200 ms, 2 bulks in flight, 10,000 documents buffered, documents up to 1 MB, a 60 s HTTP
 * timeout, backoff from 100 ms to 30 s. {@link #build()} refuses a wrong setting, naming it.
 */
public final class ElasticsearchSinkBuilder<InputT>
        extends AsyncSinkBaseBuilder<InputT, EsDocument, ElasticsearchSinkBuilder<InputT>> {

    private static final int DEFAULT_MAX_BATCH_SIZE = 1000;
    private static final int DEFAULT_MAX_IN_FLIGHT_REQUESTS = 2;
    private static final int DEFAULT_MAX_BUFFERED_REQUESTS = 10_000;
    private static final long DEFAULT_MAX_BATCH_SIZE_IN_BYTES = 5L * 1024 * 1024;
    // A full batch rarely forms when documents are rare (alerts, say): this bound is then their wait in the buffer.
    private static final long DEFAULT_MAX_TIME_IN_BUFFER_MS = 200;
    private static final long DEFAULT_MAX_RECORD_SIZE_IN_BYTES = 1024 * 1024;

    private List<String> hosts = List.of();
    private Secret apiKey;
    private String username;
    private Secret password;
    private String caCertificateFile;
    private String caFingerprint;
    private Duration requestTimeout = Duration.ofSeconds(60);
    private Duration initialBackoff = Duration.ofMillis(100);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private ElementConverter<InputT, EsDocument> elementConverter;
    private ElasticsearchSetup beforeFirstWrite;
    private RejectedDocumentHandler rejectedDocumentHandler = FailOnRejection.INSTANCE;
    private AcknowledgementListener acknowledgementListener;

    ElasticsearchSinkBuilder() {
    }

    /** Elasticsearch URLs, such as {@code https://es1:9200}. */
    public ElasticsearchSinkBuilder<InputT> setHosts(String... urls) {
        this.hosts = List.of(urls);
        return this;
    }

    /** The encoded API key (the base64 {@code id:key} Kibana shows as "encoded"). */
    public ElasticsearchSinkBuilder<InputT> setApiKey(Secret apiKey) {
        this.apiKey = apiKey;
        return this;
    }

    public ElasticsearchSinkBuilder<InputT> setBasicAuth(String username, Secret password) {
        this.username = username;
        this.password = password;
        return this;
    }

    /** A PEM CA certificate to trust, such as Elasticsearch's {@code http_ca.crt}. */
    public ElasticsearchSinkBuilder<InputT> setCaCertificateFile(String path) {
        this.caCertificateFile = path;
        return this;
    }

    /** The SHA-256 fingerprint of the CA certificate, hex with or without colons. */
    public ElasticsearchSinkBuilder<InputT> setCaFingerprint(String fingerprint) {
        this.caFingerprint = fingerprint;
        return this;
    }

    /** The HTTP socket timeout of one request. */
    public ElasticsearchSinkBuilder<InputT> setRequestTimeout(Duration timeout) {
        this.requestTimeout = timeout;
        return this;
    }

    /** The first wait after a failure and the longest one. */
    public ElasticsearchSinkBuilder<InputT> setBackoff(Duration initial, Duration max) {
        this.initialBackoff = initial;
        this.maxBackoff = max;
        return this;
    }

    /** The longest wait between retries; the first stays as it is. */
    public ElasticsearchSinkBuilder<InputT> setMaxBackoff(Duration max) {
        this.maxBackoff = max;
        return this;
    }

    /** Turns each input into the document to create. */
    public ElasticsearchSinkBuilder<InputT> setElementConverter(ElementConverter<InputT, EsDocument> converter) {
        this.elementConverter = converter;
        return this;
    }

    /** Run before the first write, such as installing index templates; none by default. */
    public ElasticsearchSinkBuilder<InputT> setBeforeFirstWrite(ElasticsearchSetup setup) {
        this.beforeFirstWrite = setup;
        return this;
    }

    /** Gives the documents to write instead of those that can never be written; by default they fail the job. */
    public ElasticsearchSinkBuilder<InputT> setRejectedDocumentHandler(RejectedDocumentHandler handler) {
        this.rejectedDocumentHandler = Objects.requireNonNull(handler, "rejectedDocumentHandler");
        return this;
    }

    /** Told of every document written, when its bulk response arrives; none by default. */
    public ElasticsearchSinkBuilder<InputT> setAcknowledgementListener(AcknowledgementListener listener) {
        this.acknowledgementListener = listener;
        return this;
    }

    @Override
    public ElasticsearchSink<InputT> build() {
        if (elementConverter == null) {
            throw new IllegalArgumentException("elementConverter is required");
        }
        int maxBatchSize = orDefault(getMaxBatchSize(), DEFAULT_MAX_BATCH_SIZE);
        int maxInFlightRequests = orDefault(getMaxInFlightRequests(), DEFAULT_MAX_IN_FLIGHT_REQUESTS);
        int maxBufferedRequests = orDefault(getMaxBufferedRequests(), DEFAULT_MAX_BUFFERED_REQUESTS);
        long maxBatchSizeInBytes = orDefault(getMaxBatchSizeInBytes(), DEFAULT_MAX_BATCH_SIZE_IN_BYTES);
        long maxTimeInBufferMs = orDefault(getMaxTimeInBufferMS(), DEFAULT_MAX_TIME_IN_BUFFER_MS);
        long maxRecordSizeInBytes = orDefault(getMaxRecordSizeInBytes(), DEFAULT_MAX_RECORD_SIZE_IN_BYTES);
        positive("maxBatchSize", maxBatchSize);
        positive("maxInFlightRequests", maxInFlightRequests);
        positive("maxTimeInBufferMS", maxTimeInBufferMs);
        positive("maxRecordSizeInBytes", maxRecordSizeInBytes);
        if (maxBufferedRequests <= maxBatchSize) {
            throw new IllegalArgumentException("maxBufferedRequests (" + maxBufferedRequests
                    + ") must be larger than maxBatchSize (" + maxBatchSize + ")");
        }
        if (maxBatchSizeInBytes < maxRecordSizeInBytes) {
            throw new IllegalArgumentException("maxBatchSizeInBytes (" + maxBatchSizeInBytes
                    + ") must not be smaller than maxRecordSizeInBytes (" + maxRecordSizeInBytes + ")");
        }
        ElasticsearchConnection connection = new ElasticsearchConnection(
                hosts, apiKey, username, password, caCertificateFile, caFingerprint, requestTimeout);
        SinkSettings settings = new SinkSettings(connection, initialBackoff, maxBackoff, beforeFirstWrite,
                rejectedDocumentHandler, acknowledgementListener);
        return new ElasticsearchSink<>(elementConverter, maxBatchSize, maxInFlightRequests, maxBufferedRequests,
                maxBatchSizeInBytes, maxTimeInBufferMs, maxRecordSizeInBytes, settings);
    }

    private static <T> T orDefault(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
