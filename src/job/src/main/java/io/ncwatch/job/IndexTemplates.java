package io.ncwatch.job;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import io.ncwatch.connector.elasticsearch.ElasticsearchSetup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Installs ncwatch's composable index templates before the Elasticsearch sink's first write: {@code
 * logs-ncwatch.alerts-*} and {@code logs-ncwatch.deadletter-*}, both data streams. The JSON is {@code
 * conf/elasticsearch/*-index-template.json}, packaged on the classpath under {@code /elasticsearch/}.
 * Installing again overwrites them with the same content, so it is safe at every start.
 */
final class IndexTemplates implements ElasticsearchSetup {

    /** A template's name in Elasticsearch and its classpath resource. */
    record Template(String name, String resource) {
    }

    static final Template ALERTS = new Template("ncwatch-alerts", "/elasticsearch/alerts-index-template.json");
    static final Template DEAD_LETTERS = new Template("ncwatch-deadletter", "/elasticsearch/deadletter-index-template.json");
    static final List<Template> TEMPLATES = List.of(ALERTS, DEAD_LETTERS);

    /** Puts every template; the future fails with the first error. */
    @Override
    public CompletableFuture<Void> run(ElasticsearchAsyncClient client) {
        return CompletableFuture.allOf(TEMPLATES.stream()
                .map(template -> client.indices().putIndexTemplate(request(template)))
                .toArray(CompletableFuture[]::new));
    }

    static PutIndexTemplateRequest request(Template template) {
        try (InputStream json = IndexTemplates.class.getResourceAsStream(template.resource())) {
            if (json == null) {
                throw new IllegalStateException("index template " + template.resource() + " is not on the classpath");
            }
            return PutIndexTemplateRequest.of(b -> b.name(template.name()).withJson(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
