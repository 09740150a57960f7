package io.ncwatch.connector.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import java.io.Serializable;
import java.util.concurrent.CompletableFuture;

/**
 * What must be in Elasticsearch before the sink's first write, such as index templates, so that no
 * index or data stream is created without them. Each writer runs it when it starts; every bulk waits
 * for it, and a bulk after a failed setup runs it again first (counted and backed off like a failed
 * bulk). It must therefore be safe to run more than once.
 */
@FunctionalInterface
public interface ElasticsearchSetup extends Serializable {

    /** Starts the setup; the future completes once it is in place, or fails with the reason. */
    CompletableFuture<Void> run(ElasticsearchAsyncClient client);
}
