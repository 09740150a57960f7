package io.ncwatch.connector.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import java.util.OptionalInt;
import javax.net.ssl.SSLHandshakeException;
import org.elasticsearch.client.ResponseException;

/**
 * Judges a request that failed as a whole (no per-document results): without an HTTP status
 * (connection refused, timeout) or with 429 or 5xx, Elasticsearch is down or busy and the request is
 * retried; any other status (401, 403, 413, ...) and a certificate the client does not trust are
 * configuration errors that retrying cannot fix.
 */
final class RequestFailure {

    private RequestFailure() {
    }

    static boolean isRetryable(Throwable failure) {
        OptionalInt status = statusOf(failure);
        if (status.isEmpty()) {
            return !isTlsHandshake(failure);
        }
        return BulkItemOutcome.of(status.getAsInt()) == BulkItemOutcome.RETRY;
    }

    /** Why a request that retrying cannot fix failed, naming the settings to check (never a secret's value). */
    static String explain(Throwable failure, ElasticsearchConnection connection) {
        OptionalInt status = statusOf(failure);
        if (status.isPresent() && status.getAsInt() == 401) {
            return "Elasticsearch did not accept " + connection.credentials() + " (401): " + describe(failure);
        }
        if (status.isPresent() && status.getAsInt() == 403) {
            return "Elasticsearch refused a privilege to " + connection.credentials() + " (403): " + describe(failure);
        }
        if (isTlsHandshake(failure)) {
            return "TLS handshake with Elasticsearch failed: its certificate is not trusted by " + connection.trust()
                    + ": " + describe(failure);
        }
        return "Elasticsearch refused the request (" + describe(failure) + ")";
    }

    private static boolean isTlsHandshake(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    static OptionalInt statusOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ElasticsearchException e) {
                return OptionalInt.of(e.status());
            }
            if (t instanceof TransportException e && e.response() != null) {
                return OptionalInt.of(e.statusCode());
            }
            if (t instanceof ResponseException e) {
                return OptionalInt.of(e.getResponse().getStatusLine().getStatusCode());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return OptionalInt.empty();
    }

    /** One line for a log message: the innermost cause's class and message. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
