package io.ncwatch.connector.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import co.elastic.clients.elasticsearch.cluster.PutClusterSettingsRequest;
import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import com.fasterxml.jackson.databind.JsonNode;
import io.ncwatch.connector.Secret;
import io.ncwatch.harness.MiniClusters;
import io.ncwatch.testing.ElasticsearchServer;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sink against a real Elasticsearch with security on (TLS on HTTP, the file realm's user
 * {@code ncwatch} with the least-privilege role {@code ncwatch_writer}): data streams, templates and
 * create-only writes on the default version and on 9.x with one client; and every refusal (credentials,
 * privilege, certificate) failing the job at once with the setting to check and without the secret.
 */
class SecuredElasticsearchSinkIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final AtomicLong NAMESPACES = new AtomicLong(System.currentTimeMillis());

    /** The role allows logs-ncwatch.* only; this test's data streams and template stay apart from the job's. */
    private final String alerts = "logs-ncwatch.alerts-secit" + NAMESPACES.incrementAndGet();

    private static final ElasticsearchSetup TEMPLATE = client -> client.indices()
            .putIndexTemplate(PutIndexTemplateRequest.of(template -> template.name("secit-alerts").withJson(new StringReader("""
                    {"index_patterns": ["logs-ncwatch.alerts-secit*"], "data_stream": {}, "priority": 250,
                     "template": {"mappings": {"properties": {
                       "@timestamp": {"type": "date"}, "source": {"properties": {"ip": {"type": "ip"}}}}}}}
                    """))))
            .thenApply(response -> null);

    /** Needs the cluster privilege {@code manage}, which ncwatch_writer lacks. */
    private static final ElasticsearchSetup CLUSTER_SETTINGS = client -> client.cluster()
            .putSettings(PutClusterSettingsRequest.of(settings -> settings.withJson(new StringReader(
                    "{\"persistent\": {\"cluster.routing.allocation.disk.threshold_enabled\": false}}"))))
            .thenApply(response -> null);

    @TempDir
    Path dir;

    private List<EsDocument> documents(int count) {
        return LongStream.range(0, count).mapToObj(n -> ElasticsearchSinkIT.alert(alerts, n)).toList();
    }

    private ElasticsearchSinkBuilder<Long> sink(ElasticsearchServer es, List<EsDocument> documents) {
        return ElasticsearchSink.<Long>builder()
                .setElementConverter((n, context) -> documents.get(Math.toIntExact(n)))
                .setHosts(es.url())
                .setBeforeFirstWrite(TEMPLATE);
    }

    private static Secret password(ElasticsearchServer es) {
        return Secret.fromFile(es.passwordFile(ElasticsearchServer.USER));
    }

    private Secret fileHolding(String secret) throws IOException {
        return Secret.fromFile(Files.writeString(dir.resolve("secret-" + UUID.randomUUID()), secret));
    }

    /** Runs the sink; returns the failure with every cause and stack frame as text. */
    private static String failure(int count, ElasticsearchSink<Long> sink) {
        Throwable failure = catchThrowable(() -> ElasticsearchSinkIT.run(count, sink));
        assertThat(failure).as("the job fails").isNotNull();
        return ExceptionUtils.stringifyException(failure);
    }

    @ParameterizedTest(name = "Elasticsearch {0}")
    @ValueSource(strings = {"", ElasticsearchServer.VERSION_9})
    void writes_into_a_templated_data_stream_with_user_and_password_over_tls_and_a_rerun_adds_nothing(String version)
            throws Exception {
        ElasticsearchServer es = ElasticsearchServer.secured(version);
        List<EsDocument> input = documents(60);
        ElasticsearchSink<Long> sink = sink(es, input)
                .setBasicAuth(ElasticsearchServer.USER, password(es))
                .setCaCertificateFile(es.caFile().toString())
                .build();

        ElasticsearchSinkIT.run(input.size(), sink);
        ElasticsearchSinkIT.run(input.size(), sink);

        assertThat(es.documents(alerts).keySet()).isEqualTo(input.stream().map(EsDocument::id).collect(Collectors.toSet()));
        JsonNode backingIndices = es.request("GET", "/" + alerts + "/_mapping", null);
        assertThat(backingIndices.fieldNames().next()).startsWith(".ds-" + alerts);
        assertThat(backingIndices.elements().next().at("/mappings/properties/source/properties/ip/type").asText())
                .isEqualTo("ip");
    }

    @Test
    void trusts_the_server_by_its_ca_fingerprint() throws Exception {
        ElasticsearchServer es = ElasticsearchServer.secured();
        List<EsDocument> input = documents(5);

        ElasticsearchSinkIT.run(input.size(), sink(es, input)
                .setBasicAuth(ElasticsearchServer.USER, password(es))
                .setCaFingerprint(es.caFingerprint())
                .build());

        assertThat(es.count(alerts)).isEqualTo(5);
    }

    @Test
    void a_wrong_password_fails_the_job_at_start_naming_the_setting_not_the_password() throws Exception {
        ElasticsearchServer es = ElasticsearchServer.secured();
        String wrong = "canary-password-" + UUID.randomUUID();
        Secret secret = fileHolding(wrong);

        String failure = failure(5, sink(es, documents(5))
                .setBasicAuth(ElasticsearchServer.USER, secret)
                .setCaCertificateFile(es.caFile().toString())
                .build());

        assertThat(failure).contains("Elasticsearch did not accept user ncwatch with the password of"
                + " elasticsearch.auth.password (" + secret + ") (401)").doesNotContain(wrong);
    }

    @Test
    void a_wrong_api_key_fails_the_job_at_start_naming_the_setting_not_the_key() throws Exception {
        ElasticsearchServer es = ElasticsearchServer.secured();
        String secretPart = "canarykey" + UUID.randomUUID().toString().replace("-", "");
        String encoded = Base64.getEncoder().encodeToString(("canary-id:" + secretPart).getBytes(StandardCharsets.UTF_8));
        Secret apiKey = fileHolding(encoded);

        String failure = failure(5, sink(es, documents(5))
                .setApiKey(apiKey)
                .setCaCertificateFile(es.caFile().toString())
                .build());

        assertThat(failure).contains("Elasticsearch did not accept the API key of elasticsearch.auth.api-key ("
                + apiKey + ") (401)").doesNotContain(encoded).doesNotContain(secretPart);
    }

    @Test
    void a_missing_privilege_fails_the_job_at_start_with_elasticsearchs_reason() {
        ElasticsearchServer es = ElasticsearchServer.secured();

        String failure = failure(5, sink(es, documents(5))
                .setBasicAuth(ElasticsearchServer.USER, password(es))
                .setCaCertificateFile(es.caFile().toString())
                .setBeforeFirstWrite(CLUSTER_SETTINGS)
                .build());

        assertThat(failure).contains("Elasticsearch refused a privilege to user ncwatch with the password of"
                + " elasticsearch.auth.password", "(403)", "is unauthorized for user [ncwatch]");
        assertThat(es.request("GET", "/_cluster/settings", null).at("/persistent").isEmpty()).isTrue();
    }

    @Test
    void a_server_certificate_of_an_unknown_ca_fails_the_job_with_a_tls_message() {
        ElasticsearchServer es = ElasticsearchServer.secured();

        String failure = failure(5, sink(es, documents(5))
                .setBasicAuth(ElasticsearchServer.USER, password(es))
                .build());

        assertThat(failure).contains("TLS handshake with Elasticsearch failed: its certificate is not trusted by the"
                + " JVM's trust store", "PKIX path building failed");
    }
}
