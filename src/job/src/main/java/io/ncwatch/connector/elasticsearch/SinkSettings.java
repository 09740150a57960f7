package io.ncwatch.connector.elasticsearch;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The sink's settings beyond the batching ones {@code AsyncSinkBase} keeps: the connection, the
 * backoff and the caller's hooks. Checked when built, so a mistake stops the job before it is submitted.
 *
 * @param setup run before the first write, or null
 * @param acknowledgementListener told of every document written, or null
 */
record SinkSettings(
        ElasticsearchConnection connection,
        Duration initialBackoff,
        Duration maxBackoff,
        ElasticsearchSetup setup,
        RejectedDocumentHandler rejectedDocumentHandler,
        AcknowledgementListener acknowledgementListener) implements Serializable {

    SinkSettings {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(rejectedDocumentHandler, "rejectedDocumentHandler");
        BackoffPolicy.check(initialBackoff, maxBackoff);
    }

    /** Flink's own timeout for a request: the HTTP timeout may apply to the setup and then to the bulk. */
    long flinkRequestTimeoutMillis() {
        return 2 * connection.requestTimeout().toMillis() + 1000;
    }

    @Override
    public String toString() {
        return connection + ", backoff=" + initialBackoff + ".." + maxBackoff;
    }
}
