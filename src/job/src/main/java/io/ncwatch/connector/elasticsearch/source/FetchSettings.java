package io.ncwatch.connector.elasticsearch.source;

import io.ncwatch.connector.elasticsearch.ElasticsearchSettings;
import java.io.Serializable;
import java.time.Duration;

/**
 * How a reader talks to Elasticsearch: where, what it asks, and how gently.
 *
 * @param maxRequestsPerSecond the most searches one reader sends a second
 * @param maxDocumentsPerSecond the most documents all readers together fetch a second, each reader its share
 * @param maxRetries consecutive failed searches (429, 5xx, no connection) a reader retries, with backoff up
 *     to {@code connection.maxBackoff()}, before it fails and the job restarts from its last checkpoint
 */
record FetchSettings(ElasticsearchSettings connection, SliceQuery query, double maxRequestsPerSecond,
        double maxDocumentsPerSecond, int maxRetries,
        Duration requestTimeout) implements Serializable {
}
