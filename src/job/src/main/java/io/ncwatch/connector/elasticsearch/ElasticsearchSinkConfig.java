package io.ncwatch.connector.elasticsearch;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the Elasticsearch sink needs: where Elasticsearch is, how to authenticate (an API key, or
 * a user and password; secrets as {@link Secret} references, read on the task managers), how to trust
 * its certificate (a CA file or the CA's SHA-256 fingerprint; the JVM's trust store otherwise), how to
 * batch, and how to back off. Built with {@link #builder()}; {@link #toString()} shows no secret.
 */
public record ElasticsearchSinkConfig(
        List<String> hosts,
        Secret apiKey,
        String username,
        Secret password,
        String caCertificateFile,
        String caFingerprint,
        String deadLetterIndex,
        boolean installTemplates,
        int maxBatchSize,
        long maxBatchBytes,
        int maxInFlightRequests,
        int maxBufferedDocuments,
        Duration maxTimeInBuffer,
        long maxDocumentBytes,
        Duration requestTimeout,
        Duration initialBackoff,
        Duration maxBackoff,
        AcknowledgementListener acknowledgementListener) implements Serializable {

    public static final String DEFAULT_DEAD_LETTER_INDEX = "logs-ncwatch.deadletter-default";

    /** Room for a dead-letter document: the capped original plus its reason. */
    static final long MIN_DOCUMENT_BYTES = 64 * 1024;

    public ElasticsearchSinkConfig {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("at least one Elasticsearch URL is needed");
        }
        hosts.forEach(ElasticsearchSinkConfig::checkUrl);
        if (apiKey != null && (username != null || password != null)) {
            throw new IllegalArgumentException("give either an API key or a user and password, not both");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("basic authentication needs both a user and a password");
        }
        if (caCertificateFile != null && caFingerprint != null) {
            throw new IllegalArgumentException("give either a CA certificate file or a CA fingerprint, not both");
        }
        Objects.requireNonNull(deadLetterIndex, "deadLetterIndex");
        positive("maxBatchSize", maxBatchSize);
        positive("maxInFlightRequests", maxInFlightRequests);
        if (maxBufferedDocuments <= maxBatchSize) {
            throw new IllegalArgumentException("maxBufferedDocuments (" + maxBufferedDocuments
                    + ") must be larger than maxBatchSize (" + maxBatchSize + ")");
        }
        if (maxDocumentBytes < MIN_DOCUMENT_BYTES || maxBatchBytes < maxDocumentBytes) {
            throw new IllegalArgumentException("need " + MIN_DOCUMENT_BYTES + " <= maxDocumentBytes ("
                    + maxDocumentBytes + ") <= maxBatchBytes (" + maxBatchBytes + ")");
        }
        positive("maxTimeInBuffer", maxTimeInBuffer.toMillis());
        positive("requestTimeout", requestTimeout.toMillis());
        positive("initialBackoff", initialBackoff.toMillis());
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must not be shorter than initialBackoff");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void checkUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + url);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("Elasticsearch URLs look like https://host:9200, got " + url);
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("put credentials in the user/password or API key settings, "
                    + "not in the URL (" + uri.getHost() + ")");
        }
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    @Override
    public String toString() {
        String auth = apiKey != null ? "apiKey(" + apiKey + ")"
                : username != null ? "basic(user=" + username + ", password=" + password + ")"
                : "none";
        String tls = caCertificateFile != null ? "ca-file:" + caCertificateFile
                : caFingerprint != null ? "ca-fingerprint:" + caFingerprint
                : "jvm-default";
        return "ElasticsearchSinkConfig{hosts=" + hosts + ", auth=" + auth + ", tls=" + tls
                + ", deadLetterIndex=" + deadLetterIndex + ", installTemplates=" + installTemplates
                + ", maxBatchSize=" + maxBatchSize + ", maxBatchBytes=" + maxBatchBytes
                + ", maxInFlightRequests=" + maxInFlightRequests + ", maxBufferedDocuments=" + maxBufferedDocuments
                + ", maxTimeInBuffer=" + maxTimeInBuffer + ", maxDocumentBytes=" + maxDocumentBytes
                + ", requestTimeout=" + requestTimeout + ", backoff=" + initialBackoff + ".." + maxBackoff + "}";
    }

    /** Starts from the defaults: one bulk per 1000 documents or 5 MB or 200 ms, backoff 100 ms to 30 s. */
    public static final class Builder {
        private List<String> hosts = List.of();
        private Secret apiKey;
        private String username;
        private Secret password;
        private String caCertificateFile;
        private String caFingerprint;
        private String deadLetterIndex = DEFAULT_DEAD_LETTER_INDEX;
        private boolean installTemplates = true;
        private int maxBatchSize = 1000;
        private long maxBatchBytes = 5L * 1024 * 1024;
        private int maxInFlightRequests = 2;
        private int maxBufferedDocuments = 10_000;
        // Alerts are rare: a full batch almost never forms, so this bound is an alert's wait in the buffer.
        private Duration maxTimeInBuffer = Duration.ofMillis(200);
        private long maxDocumentBytes = 1024 * 1024;
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private AcknowledgementListener acknowledgementListener;

        private Builder() {
        }

        /** Elasticsearch URLs, such as {@code https://es1:9200}. */
        public Builder hosts(String... urls) {
            this.hosts = List.of(urls);
            return this;
        }

        public Builder hosts(List<String> urls) {
            this.hosts = List.copyOf(urls);
            return this;
        }

        /** The encoded API key (the base64 {@code id:key} Kibana shows as "encoded"). */
        public Builder apiKey(Secret apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder basicAuth(String username, Secret password) {
            this.username = username;
            this.password = password;
            return this;
        }

        /** A PEM CA certificate to trust, such as Elasticsearch's {@code http_ca.crt}. */
        public Builder caCertificateFile(String path) {
            this.caCertificateFile = path;
            return this;
        }

        /** The SHA-256 fingerprint of the CA certificate, hex with or without colons. */
        public Builder caFingerprint(String fingerprint) {
            this.caFingerprint = fingerprint;
            return this;
        }

        public Builder deadLetterIndex(String index) {
            this.deadLetterIndex = index;
            return this;
        }

        /** Whether the writer installs the index templates before its first bulk (default true). */
        public Builder installTemplates(boolean install) {
            this.installTemplates = install;
            return this;
        }

        public Builder maxBatchSize(int documents) {
            this.maxBatchSize = documents;
            return this;
        }

        public Builder maxBatchBytes(long bytes) {
            this.maxBatchBytes = bytes;
            return this;
        }

        public Builder maxInFlightRequests(int requests) {
            this.maxInFlightRequests = requests;
            return this;
        }

        public Builder maxBufferedDocuments(int documents) {
            this.maxBufferedDocuments = documents;
            return this;
        }

        public Builder maxTimeInBuffer(Duration time) {
            this.maxTimeInBuffer = time;
            return this;
        }

        /** Larger documents go to the dead-letter index instead (capped). */
        public Builder maxDocumentBytes(long bytes) {
            this.maxDocumentBytes = bytes;
            return this;
        }

        /** The HTTP socket timeout of one bulk request. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** The longest wait between retries; the first stays as it is. */
        public Builder maxBackoff(Duration max) {
            this.maxBackoff = max;
            return this;
        }

        /** Told of every document written, when its bulk response arrives; none by default. */
        public Builder acknowledgementListener(AcknowledgementListener listener) {
            this.acknowledgementListener = listener;
            return this;
        }

        public ElasticsearchSinkConfig build() {
            return new ElasticsearchSinkConfig(hosts, apiKey, username, password, caCertificateFile, caFingerprint,
                    deadLetterIndex, installTemplates, maxBatchSize, maxBatchBytes, maxInFlightRequests,
                    maxBufferedDocuments, maxTimeInBuffer, maxDocumentBytes, requestTimeout, initialBackoff,
                    maxBackoff, acknowledgementListener);
        }
    }
}
