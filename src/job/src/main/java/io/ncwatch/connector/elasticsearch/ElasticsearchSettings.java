package io.ncwatch.connector.elasticsearch;

import io.ncwatch.connector.Secret;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Where the Elasticsearch sink writes and how it proves who it is, as a job's configuration gives them.
 * Credentials are references, never inline: {@code env:VARIABLE} or {@code file:PATH}, read on the machines
 * that run the sink (see {@link Secret}).
 *
 * @param url one URL, or several separated by commas
 * @param apiKey the encoded API key, by reference; or null
 * @param username with {@code password}, basic authentication; or null
 * @param caFile PEM file of the CA that signed the server's certificate; or null
 * @param fingerprint or that CA certificate's SHA-256 fingerprint; or null
 * @param maxBackoff the longest wait between retries while Elasticsearch refuses or fails requests
 */
public record ElasticsearchSettings(String url, String apiKey, String username, String password, String caFile,
        String fingerprint, Duration maxBackoff) implements Serializable {

    public static final ConfigOption<String> URL = ConfigOptions.key("elasticsearch.url")
            .stringType().defaultValue("http://localhost:9200")
            .withDescription("one URL, or several separated by commas");
    public static final ConfigOption<String> API_KEY = ConfigOptions.key("elasticsearch.auth.api-key")
            .stringType().noDefaultValue()
            .withDescription("env:VARIABLE or file:PATH holding the encoded API key");
    public static final ConfigOption<String> USERNAME = ConfigOptions.key("elasticsearch.auth.username")
            .stringType().noDefaultValue()
            .withDescription("basic auth user");
    public static final ConfigOption<String> PASSWORD = ConfigOptions.key("elasticsearch.auth.password")
            .stringType().noDefaultValue()
            .withDescription("basic auth password, as env:VARIABLE or file:PATH");
    public static final ConfigOption<String> CA_FILE = ConfigOptions.key("elasticsearch.tls.ca-file")
            .stringType().noDefaultValue()
            .withDescription("PEM of the CA that signed the server certificate; none given: the JVM's trust store");
    public static final ConfigOption<String> FINGERPRINT = ConfigOptions.key("elasticsearch.tls.fingerprint")
            .stringType().noDefaultValue()
            .withDescription("or that CA certificate's SHA-256 fingerprint");
    public static final ConfigOption<Duration> MAX_BACKOFF = ConfigOptions.key("elasticsearch.max-backoff")
            .durationType().defaultValue(Duration.ofSeconds(30))
            .withDescription("the longest wait between retries while Elasticsearch is away or overloaded"
                    + " (waits double from 100 ms)");

    /** The settings of this record, in the order the configuration reference lists them. */
    public static List<ConfigOption<?>> options() {
        return List.of(URL, API_KEY, USERNAME, PASSWORD, CA_FILE, FINGERPRINT, MAX_BACKOFF);
    }

    public static ElasticsearchSettings from(ReadableConfig config) {
        return new ElasticsearchSettings(config.get(URL), config.get(API_KEY), config.get(USERNAME), config.get(PASSWORD),
                config.get(CA_FILE), config.get(FINGERPRINT), config.get(MAX_BACKOFF));
    }

    /** A cluster without security, at {@code url}, with the default backoff. */
    public static ElasticsearchSettings of(String url) {
        return new ElasticsearchSettings(url, null, null, null, null, null, MAX_BACKOFF.defaultValue());
    }

    /** These settings at another {@code url}: the same credentials, trust and backoff. */
    public ElasticsearchSettings withUrl(String url) {
        return new ElasticsearchSettings(url, apiKey, username, password, caFile, fingerprint, maxBackoff);
    }

    /** Sets these hosts, credentials, trust and backoff on {@code builder}; resolves the credentials' references. */
    public <T> ElasticsearchSinkBuilder<T> applyTo(ElasticsearchSinkBuilder<T> builder) {
        builder.setHosts(url.split(","))
                .setCaCertificateFile(caFile)
                .setCaFingerprint(fingerprint)
                .setMaxBackoff(maxBackoff);
        if (apiKey != null) {
            builder.setApiKey(Secret.parse(apiKey));
        }
        if (username != null || password != null) {
            builder.setBasicAuth(username, password == null ? null : Secret.parse(password));
        }
        return builder;
    }
}
