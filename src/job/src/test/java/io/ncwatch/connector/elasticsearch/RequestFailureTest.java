package io.ncwatch.connector.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import io.ncwatch.connector.Secret;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class RequestFailureTest {

    private static ElasticsearchException answered(int status, String type) {
        return new ElasticsearchException("bulk", ErrorResponse.of(r -> r
                .status(status)
                .error(e -> e.type(type).reason("as the test says"))));
    }

    @Test
    void elasticsearch_down_or_slow_is_retried() {
        assertThat(RequestFailure.isRetryable(new CompletionException(new ConnectException("Connection refused"))))
                .isTrue();
        assertThat(RequestFailure.isRetryable(new SocketTimeoutException("30,000 milliseconds timeout"))).isTrue();
    }

    @Test
    void busy_or_failing_elasticsearch_is_retried() {
        assertThat(RequestFailure.isRetryable(new CompletionException(answered(429, "es_rejected_execution_exception"))))
                .isTrue();
        assertThat(RequestFailure.isRetryable(answered(503, "unavailable_shards_exception"))).isTrue();
    }

    @Test
    void a_refusal_that_retrying_cannot_fix_is_not_retried() {
        assertThat(RequestFailure.isRetryable(new CompletionException(answered(401, "security_exception"))))
                .isFalse();
        assertThat(RequestFailure.isRetryable(answered(403, "security_exception"))).isFalse();
        assertThat(RequestFailure.statusOf(new CompletionException(answered(413, "too_large")))).hasValue(413);
    }

    @Test
    void an_untrusted_certificate_is_not_retried_and_is_explained_by_the_trust_setting() {
        Throwable untrusted = new CompletionException(new SSLHandshakeException("PKIX path building failed"));
        ElasticsearchConnection connection = connection(null, "ncwatch", Secret.fromEnv("ES_PASSWORD"), "/etc/ca.pem");

        assertThat(RequestFailure.isRetryable(untrusted)).isFalse();
        assertThat(RequestFailure.explain(untrusted, connection)).isEqualTo("TLS handshake with Elasticsearch failed:"
                + " its certificate is not trusted by the CA certificate of elasticsearch.tls.ca-file (/etc/ca.pem):"
                + " SSLHandshakeException: PKIX path building failed");
    }

    @Test
    void refused_credentials_are_explained_by_their_setting_and_reference() {
        ElasticsearchConnection withKey = connection(Secret.fromFile(Path.of("/run/es.key")), null, null, null);
        ElasticsearchConnection withPassword = connection(null, "ncwatch", Secret.fromEnv("ES_PASSWORD"), null);

        assertThat(RequestFailure.explain(answered(401, "security_exception"), withKey)).startsWith(
                "Elasticsearch did not accept the API key of elasticsearch.auth.api-key (file:/run/es.key) (401): ");
        assertThat(RequestFailure.explain(answered(403, "security_exception"), withPassword)).startsWith(
                "Elasticsearch refused a privilege to user ncwatch with the password of elasticsearch.auth.password"
                        + " (env:ES_PASSWORD) (403): ");
    }

    private static ElasticsearchConnection connection(Secret apiKey, String username, Secret password, String caFile) {
        return new ElasticsearchConnection(List.of("https://es:9200"), apiKey, username, password, caFile, null,
                Duration.ofSeconds(1));
    }

    @Test
    void the_description_names_the_innermost_cause() {
        assertThat(RequestFailure.describe(new CompletionException(new ConnectException("Connection refused"))))
                .isEqualTo("ConnectException: Connection refused");
    }
}
