package io.ncwatch.connector.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
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
    void the_description_names_the_innermost_cause() {
        assertThat(RequestFailure.describe(new CompletionException(new ConnectException("Connection refused"))))
                .isEqualTo("ConnectException: Connection refused");
    }
}
