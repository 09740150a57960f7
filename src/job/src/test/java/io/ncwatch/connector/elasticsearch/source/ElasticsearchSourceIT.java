package io.ncwatch.connector.elasticsearch.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.connector.elasticsearch.ElasticsearchSettings;
import io.ncwatch.harness.MiniClusters;
import io.ncwatch.testing.ElasticsearchServer;
import io.ncwatch.testing.OverloadedProxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The source in a Flink job against a real Elasticsearch 8.19: 3,000 documents over an hour, many sharing
 * a timestamp, in an index of this test's own; read by two readers, each document once.
 */
class ElasticsearchSourceIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final ElasticsearchServer ELASTICSEARCH = ElasticsearchServer.shared();
    private static final String INDEX = "sourceit-" + System.currentTimeMillis();
    private static final int DOCUMENTS = 3_000;
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    /** Failures the failing job has injected, across its restarts (the MiniCluster runs in this JVM). */
    private static final AtomicInteger INJECTED = new AtomicInteger();

    @BeforeAll
    static void indexDocuments() {
        ELASTICSEARCH.request("PUT", "/" + INDEX, """
                {"settings": {"number_of_shards": 2, "number_of_replicas": 0},
                 "mappings": {"properties": {"@timestamp": {"type": "date"},
                   "event": {"properties": {"id": {"type": "keyword"}, "category": {"type": "keyword"}}}}}}
                """);
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < DOCUMENTS; i++) {
            // Three documents a second: the tiebreaker orders those of one timestamp.
            Instant time = START.plusSeconds(i / 3);
            bulk.append("{\"create\":{\"_id\":\"doc-").append(i).append("\"}}\n")
                    .append("{\"@timestamp\":\"").append(time).append("\",\"event\":{\"id\":\"e-").append(i)
                    .append("\",\"category\":\"").append(i % 2 == 0 ? "process" : "network").append("\"}}\n");
        }
        ELASTICSEARCH.request("POST", "/" + INDEX + "/_bulk?refresh=true", bulk.toString());
    }

    /** Gives each hit's id; hits of a failing job's run fail it once, after the first checkpoints. */
    private static final class Ids implements SearchHitDeserializer<String> {
        @Override
        public String deserialize(byte[] source, String id, String index) {
            return id;
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }

    private static ElasticsearchSourceBuilder<String> source() {
        return ElasticsearchSource.<String>builder()
                .setConnection(ElasticsearchSettings.of(ELASTICSEARCH.url()))
                .setIndex(INDEX)
                .setTimeRange(START, START.plus(Duration.ofHours(1)))
                .setTiebreaker("event.id")
                .setPageSize(100)
                .setMaxRequestsPerSecond(1000)
                .setDeserializer(new Ids());
    }

    private static Map<String, Long> read(StreamExecutionEnvironment env, ElasticsearchSource<String> source,
            Function<DataStream<String>, DataStream<String>> operators) throws Exception {
        List<String> ids = new ArrayList<>();
        operators.apply(env.fromSource(source, WatermarkStrategy.noWatermarks(), "elasticsearch"))
                .executeAndCollect().forEachRemaining(ids::add);
        return ids.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void two_readers_read_every_document_once() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);

        Map<String, Long> ids = read(env, source().setSlices(8).build(), Function.identity());

        assertThat(ids).hasSize(DOCUMENTS);
        assertThat(ids.values()).containsOnly(1L);
    }

    @Test
    void the_filter_and_source_includes_are_pushed_down() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);

        Map<String, Long> ids = read(env, source()
                .setFilter("{\"term\":{\"event.category\":\"process\"}}")
                .setSourceIncludes(List.of("event.id"))
                .build(), Function.identity());

        assertThat(ids).hasSize(DOCUMENTS / 2).containsKey("doc-0").doesNotContainKey("doc-1");
    }

    @Test
    void a_job_that_fails_midway_resumes_and_reads_every_document_once() throws Exception {
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(100));
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(2);
        AtomicInteger seen = new AtomicInteger();

        // 20 searches a second of 50 documents: about two seconds a reader, many checkpoints before the failure.
        Map<String, Long> ids = read(env, source().setPageSize(50).setMaxRequestsPerSecond(20).build(),
                stream -> stream.map(id -> {
                    if (seenHalf(id) && INJECTED.compareAndSet(0, 1)) {
                        throw new IllegalStateException("injected failure at " + id);
                    }
                    return id;
                }).returns(Types.STRING));

        assertThat(INJECTED).hasValue(1);
        assertThat(ids).hasSize(DOCUMENTS);
        assertThat(ids.values()).containsOnly(1L);
    }

    @Test
    void readers_back_off_from_a_node_that_rejects_searches_and_still_read_every_document_once() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);

        try (OverloadedProxy overloaded = new OverloadedProxy(ELASTICSEARCH.url(), 3)) {
            Map<String, Long> ids = read(env, source().setConnection(ElasticsearchSettings.of(overloaded.url())).build(),
                    Function.identity());

            assertThat(overloaded.rejected()).as("searches answered 429").isGreaterThan(5);
            assertThat(ids).hasSize(DOCUMENTS);
            assertThat(ids.values()).containsOnly(1L);
        }
    }

    private static boolean seenHalf(String id) {
        return Integer.parseInt(id.substring("doc-".length())) >= DOCUMENTS / 2;
    }
}
