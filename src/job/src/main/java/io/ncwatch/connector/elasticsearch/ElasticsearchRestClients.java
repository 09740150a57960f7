package io.ncwatch.connector.elasticsearch;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.ncwatch.connector.Secret;
import java.time.Duration;
import java.util.List;
import org.elasticsearch.client.RestClient;

/**
 * Elasticsearch's low-level REST client for what the typed client does not serve well, such as a search
 * whose hits' {@code _source} should stay raw bytes: with the same hosts, credentials and trust as the
 * sink, from the same {@link ElasticsearchSettings}.
 */
public final class ElasticsearchRestClients {

    private ElasticsearchRestClients() {
    }

    /** A client of {@code settings}' cluster; its secrets are read now. Close it when done. */
    public static RestClient create(ElasticsearchSettings settings, Duration requestTimeout) {
        ElasticsearchConnection connection = new ElasticsearchConnection(List.of(settings.url().split(",")),
                settings.apiKey() == null ? null : Secret.parse(settings.apiKey()),
                settings.username(),
                settings.password() == null ? null : Secret.parse(settings.password()),
                settings.caFile(), settings.fingerprint(), requestTimeout);
        return ((RestClientTransport) ElasticsearchClients.create(connection)._transport()).restClient();
    }
}
