package io.ncwatch.connector.elasticsearch;

import io.ncwatch.connector.Secret;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where Elasticsearch is and how to reach it: its URLs, how to authenticate (an API key, or a user and
 * password; secrets as {@link Secret} references, read on the task managers), how to trust its
 * certificate (a CA file or the CA's SHA-256 fingerprint; the JVM's trust store otherwise) and the
 * HTTP timeout. {@link #toString()} shows no secret.
 */
record ElasticsearchConnection(
        List<String> hosts,
        Secret apiKey,
        String username,
        Secret password,
        String caCertificateFile,
        String caFingerprint,
        Duration requestTimeout) implements Serializable {

    ElasticsearchConnection {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("hosts: at least one Elasticsearch URL is needed");
        }
        hosts.forEach(ElasticsearchConnection::checkUrl);
        if (apiKey != null && (username != null || password != null)) {
            throw new IllegalArgumentException("apiKey and basicAuth: give one, not both");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("basicAuth needs both a user and a password");
        }
        if (caCertificateFile != null && caFingerprint != null) {
            throw new IllegalArgumentException("caCertificateFile and caFingerprint: give one, not both");
        }
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.toMillis() <= 0) {
            throw new IllegalArgumentException("requestTimeout must be positive, got " + requestTimeout);
        }
    }

    private static void checkUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hosts: not a URL: " + url);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("hosts: Elasticsearch URLs look like https://host:9200, got " + url);
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("hosts: put credentials in the apiKey or basicAuth settings, "
                    + "not in the URL (" + uri.getHost() + ")");
        }
    }

    /** Which credentials a refusal concerns, by setting and reference, never by value. */
    String credentials() {
        if (apiKey != null) {
            return "the API key of " + ElasticsearchSettings.API_KEY.key() + " (" + apiKey + ")";
        }
        if (username != null) {
            return "user " + username + " with the password of " + ElasticsearchSettings.PASSWORD.key() + " (" + password + ")";
        }
        return "no credentials (" + ElasticsearchSettings.API_KEY.key() + " and " + ElasticsearchSettings.USERNAME.key()
                + " are not set)";
    }

    /** How the server's certificate is checked, by setting. */
    String trust() {
        if (caCertificateFile != null) {
            return "the CA certificate of " + ElasticsearchSettings.CA_FILE.key() + " (" + caCertificateFile + ")";
        }
        if (caFingerprint != null) {
            return "the CA fingerprint of " + ElasticsearchSettings.FINGERPRINT.key() + " (" + caFingerprint + ")";
        }
        return "the JVM's trust store (" + ElasticsearchSettings.CA_FILE.key() + " and "
                + ElasticsearchSettings.FINGERPRINT.key() + " are not set)";
    }

    @Override
    public String toString() {
        String auth = apiKey != null ? "apiKey(" + apiKey + ")"
                : username != null ? "basic(user=" + username + ", password=" + password + ")"
                : "none";
        String tls = caCertificateFile != null ? "ca-file:" + caCertificateFile
                : caFingerprint != null ? "ca-fingerprint:" + caFingerprint
                : "jvm-default";
        return "hosts=" + hosts + ", auth=" + auth + ", tls=" + tls + ", requestTimeout=" + requestTimeout;
    }
}
