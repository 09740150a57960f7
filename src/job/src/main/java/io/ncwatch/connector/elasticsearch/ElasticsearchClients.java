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

/** Builds the Elasticsearch client a configuration describes; secrets are read here, at connect time. */
public final class ElasticsearchClients {

    private ElasticsearchClients() {
    }

    /** A client over the low-level REST client; close it with {@code client._transport().close()}. */
    public static ElasticsearchAsyncClient create(ElasticsearchSinkConfig config) {
        RestClientBuilder builder = RestClient.builder(
                config.hosts().stream().map(HttpHost::create).toArray(HttpHost[]::new));
        Header authorization = authorization(config);
        if (authorization != null) {
            builder.setDefaultHeaders(new Header[] {authorization});
        }
        SSLContext tls = tls(config);
        if (tls != null) {
            builder.setHttpClientConfigCallback(http -> http.setSSLContext(tls));
        }
        int timeoutMillis = Math.toIntExact(config.requestTimeout().toMillis());
        builder.setRequestConfigCallback(request -> request.setSocketTimeout(timeoutMillis));
        return new ElasticsearchAsyncClient(new RestClientTransport(builder.build(), new JacksonJsonpMapper()));
    }

    private static Header authorization(ElasticsearchSinkConfig config) {
        if (config.apiKey() != null) {
            return new BasicHeader("Authorization", "ApiKey " + config.apiKey().read());
        }
        if (config.username() != null) {
            String credentials = config.username() + ":" + config.password().read();
            return new BasicHeader("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return null;
    }

    private static SSLContext tls(ElasticsearchSinkConfig config) {
        if (config.caCertificateFile() != null) {
            try {
                return TransportUtils.sslContextFromHttpCaCrt(new File(config.caCertificateFile()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read CA certificate " + config.caCertificateFile(), e);
            }
        }
        if (config.caFingerprint() != null) {
            return TransportUtils.sslContextFromCaFingerprint(config.caFingerprint());
        }
        return null;
    }
}
