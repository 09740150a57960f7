package io.ncwatch.connector.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ncwatch.harness.MiniClusters;
import io.ncwatch.testing.ElasticsearchServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink in a Flink job against a real Elasticsearch 8.19. */
class ElasticsearchSinkIT {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots(METRICS.addToConfiguration(new Configuration()));

    private static final AtomicLong NAMESPACES = new AtomicLong(System.currentTimeMillis());

    private final ElasticsearchServer elasticsearch = ElasticsearchServer.shared();
    private final String namespace = "it" + NAMESPACES.incrementAndGet();
    private final String alerts = "logs-ncwatch.alerts-" + namespace;
    private final String deadLetters = "logs-ncwatch.deadletter-" + namespace;

    /** An alert as the job's builder writes it, pretty-printed on purpose: raw newlines must not break the bulk body. */
    static EsDocument alert(String index, long n) {
        String json = """
                {
                  "@timestamp": "2026-01-01T00:00:00.%03dZ",
                  "event": {"kind": "alert", "module": "ncwatch"},
                  "rule": {"uuid": "6f1a4b6c-nc-listener", "name": "Netcat Listener Established Inside A Container"},
                  "process": {"pid": %d, "name": "nc", "args": ["nc", "-lvp", "4444"]},
                  "container": {"id": "container-%d"},
                  "source": {"ip": "10.0.%d.%d", "port": 4444},
                  "message": "netcat listener %d"
                }
                """.formatted(n % 1000, 1000 + n, n % 7, n / 250, n % 250, n);
        return new EsDocument(index, "alert-" + n, json.getBytes(StandardCharsets.UTF_8));
    }

    private ElasticsearchSinkConfig.Builder config(String url) {
        return ElasticsearchSinkConfig.builder()
                .hosts(url)
                .deadLetterIndex(deadLetters)
                .maxBatchSize(40)
                .maxBufferedDocuments(200)
                .maxTimeInBuffer(Duration.ofMillis(100))
                .backoff(Duration.ofMillis(20), Duration.ofMillis(500));
    }

    /** Runs a bounded job with checkpoints and without Kryo: DOCUMENTS, parallelism 2, into the sink. */
    private static JobID run(List<EsDocument> documents, ElasticsearchSinkConfig config) throws Exception {
        return start(documents, config).getJobExecutionResult().get().getJobID();
    }

    private static JobClient start(List<EsDocument> documents, ElasticsearchSinkConfig config) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(100));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.fromSequence(0, documents.size() - 1)
                .map(i -> documents.get(Math.toIntExact(i)))
                .returns(EsDocument.class)
                .uid("documents")
                .sinkTo(ElasticsearchSink.of(config))
                .uid("elasticsearch-sink")
                .name("Elasticsearch");
        return env.executeAsync("elasticsearch-sink-it");
    }

    /** The sum over the sink's subtasks of the counter or gauge NAME. */
    private static long metric(JobID job, String name) {
        long sum = 0;
        for (Map.Entry<String, Metric> entry : METRICS.getMetricsByIdentifiers(job).entrySet()) {
            if (entry.getKey().endsWith("." + name)) {
                Metric metric = entry.getValue();
                sum += metric instanceof Counter counter ? counter.getCount()
                        : ((Number) ((Gauge<?>) metric).getValue()).longValue();
            }
        }
        return sum;
    }

    private List<EsDocument> alerts(int count) {
        return LongStream.range(0, count).mapToObj(n -> alert(alerts, n)).toList();
    }

    @Test
    void writes_each_document_once_with_its_id_and_fields_and_a_rerun_adds_none() throws Exception {
        List<EsDocument> input = alerts(300);
        ElasticsearchSinkConfig config = config(elasticsearch.url()).build();

        JobID first = run(input, config);

        Map<String, JsonNode> stored = elasticsearch.documents(alerts);
        assertThat(stored.keySet()).isEqualTo(input.stream().map(EsDocument::id).collect(Collectors.toSet()));
        JsonNode alert7 = stored.get("alert-7");
        assertThat(alert7.at("/process/pid").asLong()).isEqualTo(1007);
        assertThat(alert7.at("/source/ip").asText()).isEqualTo("10.0.0.7");
        assertThat(alert7.at("/process/args").toString()).isEqualTo("[\"nc\",\"-lvp\",\"4444\"]");
        assertThat(metric(first, "documentsWritten")).isEqualTo(300);
        assertThat(metric(first, "documentsAlreadyPresent")).isZero();

        JobID second = run(input, config);

        assertThat(elasticsearch.count(alerts)).isEqualTo(300);
        assertThat(metric(second, "documentsWritten")).isZero();
        assertThat(metric(second, "documentsAlreadyPresent")).isEqualTo(300);
    }

    @Test
    void the_data_stream_gets_the_templates_mappings() throws Exception {
        run(alerts(5), config(elasticsearch.url()).build());

        JsonNode template = elasticsearch.request("GET", "/_index_template/ncwatch-alerts", null)
                .at("/index_templates/0/index_template");
        assertThat(template.at("/index_patterns/0").asText()).isEqualTo("logs-ncwatch.alerts-*");
        assertThat(template.at("/priority").asLong()).isGreaterThan(100);
        assertThat(elasticsearch.request("GET", "/_index_template/ncwatch-deadletter", null)
                .at("/index_templates/0/name").asText()).isEqualTo("ncwatch-deadletter");

        JsonNode mapping = elasticsearch.request("GET", "/" + alerts + "/_mapping", null).elements().next()
                .at("/mappings/properties");
        assertThat(mapping.at("/source/properties/port/type").asText()).isEqualTo("long");
        assertThat(mapping.at("/source/properties/ip/type").asText()).isEqualTo("ip");
        assertThat(mapping.at("/@timestamp/type").asText()).isEqualTo("date");
        assertThat(mapping.at("/container/properties/id/type").asText()).isEqualTo("keyword");
    }

    @Test
    void a_document_the_mapping_rejects_is_dead_lettered_with_its_reason_and_the_rest_is_written() throws Exception {
        EsDocument rejected = new EsDocument(alerts, "alert-bad",
                "{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"source\":{\"port\":\"not-a-port\"}}"
                        .getBytes(StandardCharsets.UTF_8));
        List<EsDocument> input = new java.util.ArrayList<>(alerts(100));
        input.add(37, rejected);

        JobID job = run(input, config(elasticsearch.url()).build());

        assertThat(elasticsearch.count(alerts)).isEqualTo(100);
        Map<String, JsonNode> letters = elasticsearch.documents(deadLetters);
        assertThat(letters).hasSize(1);
        JsonNode letter = letters.values().iterator().next();
        assertThat(letter.at("/ncwatch/deadletter/index").asText()).isEqualTo(alerts);
        assertThat(letter.at("/ncwatch/deadletter/id").asText()).isEqualTo("alert-bad");
        assertThat(letter.at("/http/response/status_code").asInt()).isEqualTo(400);
        assertThat(letter.at("/error/type").asText()).isEqualTo("document_parsing_exception");
        assertThat(letter.at("/error/message").asText()).contains("source.port");
        assertThat(letter.at("/event/original").asText()).isEqualTo(rejected.jsonText());
        assertThat(metric(job, "documentsWritten")).isEqualTo(100);
        assertThat(metric(job, "documentsDeadLettered")).isEqualTo(1);

        JobID replay = run(input, config(elasticsearch.url()).build());

        assertThat(elasticsearch.count(deadLetters)).isEqualTo(1);
        assertThat(metric(replay, "documentsAlreadyPresent")).isEqualTo(101);
    }

    @Test
    void bulks_refused_with_503_are_retried_after_a_backoff_and_nothing_is_lost() throws Exception {
        List<EsDocument> input = alerts(200);
        JobID job;
        try (UnavailableProxy proxy = new UnavailableProxy(elasticsearch.url(), "/_bulk", 3)) {
            job = run(input, config(proxy.url()).build());
        }

        assertThat(elasticsearch.documents(alerts).keySet())
                .isEqualTo(input.stream().map(EsDocument::id).collect(Collectors.toSet()));
        assertThat(metric(job, "retries")).isEqualTo(3);
        assertThat(metric(job, "documentsWritten")).isEqualTo(200);
        assertThat(metric(job, "currentBackoffMs")).isZero();
    }

    @Test
    void a_job_started_while_elasticsearch_is_unreachable_waits_and_then_writes_everything() throws Exception {
        List<EsDocument> input = alerts(100);
        int port = freePort();
        JobClient job = start(input, config("http://localhost:" + port).build());
        while (metric(job.getJobID(), "retries") < 3) {
            assertThat(job.getJobStatus().get().isGloballyTerminalState()).as("job ended while unreachable").isFalse();
            Thread.sleep(100);
        }
        assertThat(metric(job.getJobID(), "currentBackoffMs")).isPositive();

        try (UnavailableProxy elasticsearchIsBack = UnavailableProxy.forwarding(elasticsearch.url(), port)) {
            job.getJobExecutionResult().get();
        }

        assertThat(elasticsearch.documents(alerts).keySet())
                .isEqualTo(input.stream().map(EsDocument::id).collect(Collectors.toSet()));
        assertThat(metric(job.getJobID(), "documentsWritten")).isEqualTo(100);
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void templates_refused_at_start_are_put_again_before_the_first_bulk() throws Exception {
        JobID job;
        try (UnavailableProxy proxy = new UnavailableProxy(elasticsearch.url(), "/_index_template/", 3)) {
            job = run(alerts(50), config(proxy.url()).build());
        }

        assertThat(metric(job, "retries")).isPositive();
        assertThat(elasticsearch.count(alerts)).isEqualTo(50);
        JsonNode mapping = elasticsearch.request("GET", "/" + alerts + "/_mapping", null).elements().next();
        assertThat(mapping.at("/mappings/properties/source/properties/port/type").asText()).isEqualTo("long");
    }

    @Test
    void a_document_too_large_for_a_bulk_is_dead_lettered_capped() throws Exception {
        String huge = "x".repeat(100_000);
        EsDocument large = new EsDocument(alerts, "alert-huge",
                ("{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"message\":\"" + huge + "\"}")
                        .getBytes(StandardCharsets.UTF_8));

        run(List.of(alert(alerts, 1), large), config(elasticsearch.url()).maxDocumentBytes(64 * 1024).build());

        assertThat(elasticsearch.documents(alerts).keySet()).isEqualTo(Set.of("alert-1"));
        JsonNode letter = elasticsearch.documents(deadLetters).values().iterator().next();
        assertThat(letter.at("/error/type").asText()).isEqualTo("document_too_large");
        assertThat(letter.at("/ncwatch/deadletter/truncated").asBoolean()).isTrue();
        assertThat(letter.at("/ncwatch/deadletter/original_bytes").asLong()).isEqualTo(large.json().length);
    }
}
