package io.ncwatch.connector.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ncwatch.harness.MiniClusters;
import io.ncwatch.testing.ElasticsearchServer;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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

/**
 * The sink in a Flink job against a real Elasticsearch 8.19: numbers in, turned into documents by the
 * element converter, with a setup that installs a template and a handler that keeps rejected documents
 * in an index of their own.
 */
class ElasticsearchSinkIT {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots(METRICS.addToConfiguration(new Configuration()));

    private static final AtomicLong NAMESPACES = new AtomicLong(System.currentTimeMillis());

    private final ElasticsearchServer elasticsearch = ElasticsearchServer.shared();
    private final String namespace = "it" + NAMESPACES.incrementAndGet();
    private final String alerts = "logs-sinkit.alerts-" + namespace;
    private final String rejected = "logs-sinkit.rejected-" + namespace;

    /** Maps the fields the tests check, for the alerts data streams of every test. */
    private static final ElasticsearchSetup ALERTS_TEMPLATE = client -> client.indices()
            .putIndexTemplate(PutIndexTemplateRequest.of(template -> template.name("sinkit-alerts").withJson(new StringReader("""
                    {"index_patterns": ["logs-sinkit.alerts-*"], "data_stream": {}, "priority": 200,
                     "template": {"mappings": {"properties": {
                       "@timestamp": {"type": "date"},
                       "container": {"properties": {"id": {"type": "keyword"}}},
                       "source": {"properties": {"ip": {"type": "ip"}, "port": {"type": "long"}}}}}}}
                    """))))
            .thenApply(response -> null);

    /** Writes what Elasticsearch said of a rejected document into the index {@code rejected}, under the same id. */
    private record KeepRejected(String rejected) implements RejectedDocumentHandler {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public EsDocument replacementFor(EsDocument document, Rejection rejection) {
            ObjectNode why = JSON.createObjectNode();
            why.put("@timestamp", "2026-01-01T00:00:00Z");
            why.put("index", document.index());
            why.put("id", document.id());
            rejection.status().ifPresent(status -> why.put("status", status));
            why.put("type", rejection.type());
            why.put("reason", rejection.reason());
            why.put("bytes", document.json().length);
            try {
                return new EsDocument(rejected, document.id(), JSON.writeValueAsBytes(why));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean isReplacement(EsDocument document) {
            return document.index().equals(rejected);
        }
    }

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

    /** Replaces a rejected document by a copy of itself under another id, which the mapping refuses as well. */
    private record CopyInPlace() implements RejectedDocumentHandler {
        @Override
        public EsDocument replacementFor(EsDocument document, Rejection rejection) {
            return new EsDocument(document.index(), "copy-of-" + document.id(), document.json());
        }

        @Override
        public boolean isReplacement(EsDocument document) {
            return document.id().startsWith("copy-of-");
        }
    }

    /** A sink whose converter turns the n-th number into DOCUMENTS' n-th document. */
    private ElasticsearchSinkBuilder<Long> sink(String url, List<EsDocument> documents) {
        return ElasticsearchSink.<Long>builder()
                .setElementConverter((n, context) -> documents.get(Math.toIntExact(n)))
                .setHosts(url)
                .setBeforeFirstWrite(ALERTS_TEMPLATE)
                .setRejectedDocumentHandler(new KeepRejected(rejected))
                .setMaxBatchSize(40)
                .setMaxBufferedRequests(200)
                .setMaxTimeInBufferMS(100)
                .setBackoff(Duration.ofMillis(20), Duration.ofMillis(500));
    }

    /** Runs a bounded job with checkpoints and without Kryo: the numbers 0 to count - 1, parallelism 2, into the sink. */
    static JobID run(int count, ElasticsearchSink<Long> sink) throws Exception {
        return start(count, sink).getJobExecutionResult().get().getJobID();
    }

    private static JobClient start(int count, ElasticsearchSink<Long> sink) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(100));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.fromSequence(0, count - 1)
                .uid("numbers")
                .sinkTo(sink)
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
        ElasticsearchSink<Long> sink = sink(elasticsearch.url(), input).build();

        JobID first = run(input.size(), sink);

        Map<String, JsonNode> stored = elasticsearch.documents(alerts);
        assertThat(stored.keySet()).isEqualTo(input.stream().map(EsDocument::id).collect(Collectors.toSet()));
        JsonNode alert7 = stored.get("alert-7");
        assertThat(alert7.at("/process/pid").asLong()).isEqualTo(1007);
        assertThat(alert7.at("/source/ip").asText()).isEqualTo("10.0.0.7");
        assertThat(alert7.at("/process/args").toString()).isEqualTo("[\"nc\",\"-lvp\",\"4444\"]");
        assertThat(metric(first, "documentsWritten")).isEqualTo(300);
        assertThat(metric(first, "documentsAlreadyPresent")).isZero();

        JobID second = run(input.size(), sink);

        assertThat(elasticsearch.count(alerts)).isEqualTo(300);
        assertThat(metric(second, "documentsWritten")).isZero();
        assertThat(metric(second, "documentsAlreadyPresent")).isEqualTo(300);
    }

    @Test
    void the_setup_is_in_place_before_the_first_write() throws Exception {
        List<EsDocument> input = alerts(5);

        run(input.size(), sink(elasticsearch.url(), input).build());

        JsonNode mapping = elasticsearch.request("GET", "/" + alerts + "/_mapping", null).elements().next()
                .at("/mappings/properties");
        assertThat(mapping.at("/source/properties/port/type").asText()).isEqualTo("long");
        assertThat(mapping.at("/source/properties/ip/type").asText()).isEqualTo("ip");
        assertThat(mapping.at("/@timestamp/type").asText()).isEqualTo("date");
        assertThat(mapping.at("/container/properties/id/type").asText()).isEqualTo("keyword");
    }

    @Test
    void a_document_the_mapping_rejects_goes_to_the_handler_with_its_reason_and_the_rest_is_written() throws Exception {
        EsDocument unparsable = new EsDocument(alerts, "alert-bad",
                "{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"source\":{\"port\":\"not-a-port\"}}"
                        .getBytes(StandardCharsets.UTF_8));
        List<EsDocument> input = new ArrayList<>(alerts(100));
        input.add(37, unparsable);

        JobID job = run(input.size(), sink(elasticsearch.url(), input).build());

        assertThat(elasticsearch.count(alerts)).isEqualTo(100);
        Map<String, JsonNode> kept = elasticsearch.documents(rejected);
        assertThat(kept.keySet()).containsExactly("alert-bad");
        JsonNode why = kept.get("alert-bad");
        assertThat(why.at("/index").asText()).isEqualTo(alerts);
        assertThat(why.at("/status").asInt()).isEqualTo(400);
        assertThat(why.at("/type").asText()).isEqualTo("document_parsing_exception");
        assertThat(why.at("/reason").asText()).contains("source.port");
        assertThat(why.at("/bytes").asInt()).isEqualTo(unparsable.json().length);
        assertThat(metric(job, "documentsWritten")).isEqualTo(100);
        assertThat(metric(job, "documentsDeadLettered")).isEqualTo(1);

        JobID replay = run(input.size(), sink(elasticsearch.url(), input).build());

        assertThat(elasticsearch.count(rejected)).isEqualTo(1);
        assertThat(metric(replay, "documentsAlreadyPresent")).isEqualTo(101);
    }

    @Test
    void a_replacement_elasticsearch_rejects_too_is_counted_as_lost_and_never_replaced_again() throws Exception {
        EsDocument unparsable = new EsDocument(alerts, "alert-bad",
                "{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"source\":{\"port\":\"not-a-port\"}}"
                        .getBytes(StandardCharsets.UTF_8));
        List<EsDocument> input = new ArrayList<>(alerts(10));
        input.add(unparsable);
        ElasticsearchSink<Long> sink = sink(elasticsearch.url(), input).setRejectedDocumentHandler(new CopyInPlace()).build();

        JobID job = run(input.size(), sink);

        assertThat(elasticsearch.count(alerts)).isEqualTo(10);
        assertThat(metric(job, "documentsWritten")).isEqualTo(10);
        assertThat(metric(job, "deadLettersRejected")).isEqualTo(1);
        assertThat(metric(job, "documentsDeadLettered")).isZero();
    }

    @Test
    void bulks_refused_with_503_are_retried_after_a_backoff_and_nothing_is_lost() throws Exception {
        List<EsDocument> input = alerts(200);
        JobID job;
        try (UnavailableProxy proxy = new UnavailableProxy(elasticsearch.url(), "/_bulk", 3)) {
            job = run(input.size(), sink(proxy.url(), input).build());
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
        JobClient job = start(input.size(), sink("http://localhost:" + port, input).build());
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

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void a_setup_refused_at_start_is_run_again_before_the_first_bulk() throws Exception {
        List<EsDocument> input = alerts(50);
        JobID job;
        try (UnavailableProxy proxy = new UnavailableProxy(elasticsearch.url(), "/_index_template/", 3)) {
            job = run(input.size(), sink(proxy.url(), input).build());
        }

        assertThat(metric(job, "retries")).isPositive();
        assertThat(elasticsearch.count(alerts)).isEqualTo(50);
        JsonNode mapping = elasticsearch.request("GET", "/" + alerts + "/_mapping", null).elements().next();
        assertThat(mapping.at("/mappings/properties/source/properties/port/type").asText()).isEqualTo("long");
    }

    @Test
    void a_document_too_large_for_a_bulk_goes_to_the_handler_without_a_status() throws Exception {
        String huge = "x".repeat(100_000);
        EsDocument large = new EsDocument(alerts, "alert-huge",
                ("{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"message\":\"" + huge + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
        List<EsDocument> input = List.of(alert(alerts, 1), large);

        run(input.size(), sink(elasticsearch.url(), input).setMaxRecordSizeInBytes(64 * 1024).build());

        assertThat(elasticsearch.documents(alerts).keySet()).isEqualTo(Set.of("alert-1"));
        JsonNode why = elasticsearch.documents(rejected).get("alert-huge");
        assertThat(why.at("/type").asText()).isEqualTo("document_too_large");
        assertThat(why.has("status")).isFalse();
        assertThat(why.at("/bytes").asLong()).isEqualTo(large.json().length);
    }
}
