package io.ncwatch.connector.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.TransportUtils;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/** Builds the Elasticsearch client a connection describes; secrets are read here, at connect time. */
final class ElasticsearchClients {

    private ElasticsearchClients() {
    }

    /** A client over the low-level REST client; close it with {@code client._transport().close()}. */
    static ElasticsearchAsyncClient create(ElasticsearchConnection connection) {
        RestClientBuilder builder = RestClient.builder(
                connection.hosts().stream().map(HttpHost::create).toArray(HttpHost[]::new));
        Header authorization = authorization(connection);
        if (authorization != null) {
            builder.setDefaultHeaders(new Header[] {authorization});
        }
        SSLContext tls = tls(connection);
        if (tls != null) {
            builder.setHttpClientConfigCallback(http -> http.setSSLContext(tls));
        }
        int timeoutMillis = Math.toIntExact(connection.requestTimeout().toMillis());
        builder.setRequestConfigCallback(request -> request.setSocketTimeout(timeoutMillis));
        return new ElasticsearchAsyncClient(new RestClientTransport(builder.build(), new JacksonJsonpMapper()));
    }

    private static Header authorization(ElasticsearchConnection connection) {
        if (connection.apiKey() != null) {
            return new BasicHeader("Authorization", "ApiKey " + connection.apiKey().read());
        }
        if (connection.username() != null) {
            String credentials = connection.username() + ":" + connection.password().read();
            return new BasicHeader("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return null;
    }

    private static SSLContext tls(ElasticsearchConnection connection) {
        if (connection.caCertificateFile() != null) {
            try {
                return TransportUtils.sslContextFromHttpCaCrt(new File(connection.caCertificateFile()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read CA certificate " + connection.caCertificateFile(), e);
            }
        }
        if (connection.caFingerprint() != null) {
            return TransportUtils.sslContextFromCaFingerprint(connection.caFingerprint());
        }
        return null;
    }
}
