package io.ncwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.generate.FleetGenerator;
import io.ncwatch.generate.FleetOptions;
import io.ncwatch.job.ElasticsearchHunt;
import io.ncwatch.job.HuntScope;
import io.ncwatch.job.JobConfig;
import io.ncwatch.testing.ElasticsearchServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * Documents a second read from Elasticsearch into the job against a plain scroll of the same documents
 * without the job. Indexes generated fleet traffic into an Elasticsearch of its own (two shards), then
 * reads it: (1) {@code _search?scroll} in pages of 1,000 sorted by {@code _doc}, each page parsed with
 * Jackson, nothing else; (2) a hunt of the seed rule ({@link ElasticsearchHunt}, parallelism 2, no throttle,
 * alerts discarded), timed from submission to its end, so the MiniCluster's start is in it. Run from
 * the project's root: {@code java -cp ... io.ncwatch.bench.ElasticsearchRead [EVENTS]} (the class path of
 * {@code bin/jmh}).
 */
public final class ElasticsearchRead {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDEX = "logs-cloud_defend.process-bench";
    private static final int PAGE = 1000;

    private ElasticsearchRead() {}

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        ElasticsearchServer es = ElasticsearchServer.shared();
        Instant[] range = index(es, events);
        long documents = es.count(INDEX);

        long start = System.nanoTime();
        long scrolled = scroll(es);
        double scrollSeconds = (System.nanoTime() - start) / 1e9;

        JobConfig config = JobConfig.of(Map.of("elasticsearch.url", es.url(), "outputs.elasticsearch", "false",
                "outputs.kafka", "false", "parallelism", "2", "elasticsearch.source.throttle", "1000000000"));
        HuntScope scope = new HuntScope(es.url(), INDEX, range[0], range[1].plusMillis(1), HuntScope.EVENT_ID, 8);
        start = System.nanoTime();
        ElasticsearchHunt.run(config, BenchRules.seed(), scope, new Configuration());
        double huntSeconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("documents in %s: %,d%n", INDEX, documents);
        System.out.printf("| plain scroll, pages of %,d | %,d | %.1f s | %,.0f |%n", PAGE, scrolled, scrollSeconds,
                scrolled / scrollSeconds);
        System.out.printf("| hunt of the seed rule, parallelism 2 | %,d | %.1f s | %,.0f |%n", documents, huntSeconds,
                documents / huntSeconds);
        System.exit(0);
    }

    /** Indexes {@code events} fleet events (seed 42, 1,000 containers); returns the first and last timestamps. */
    private static Instant[] index(ElasticsearchServer es, long events) throws Exception {
        es.createEventsIndex(INDEX);
        Instant[] range = {Instant.MAX, Instant.MIN};
        StringBuilder bulk = new StringBuilder();
        FleetOptions fleet = FleetOptions.builder().seed(42).containers(1000).events(events)
                .attackRate(Traffic.ATTACK_RATE).build();
        new FleetGenerator(fleet).generate((kind, containerId, json) -> {
            Instant time = Instant.parse(JSON.readTree(json).get("@timestamp").asText());
            range[0] = time.isBefore(range[0]) ? time : range[0];
            range[1] = time.isAfter(range[1]) ? time : range[1];
            bulk.append("{\"create\":{}}\n").append(new String(json, StandardCharsets.UTF_8)).append('\n');
            if (bulk.length() > 8 << 20) {
                es.request("POST", "/" + INDEX + "/_bulk", bulk.toString());
                bulk.setLength(0);
            }
        });
        es.request("POST", "/" + INDEX + "/_bulk", bulk.toString());
        es.refresh(INDEX);
        return range;
    }

    /** Reads every document of the index with a scroll; returns how many. */
    private static long scroll(ElasticsearchServer es) {
        JsonNode page = es.request("POST", "/" + INDEX + "/_search?scroll=1m",
                "{\"size\":" + PAGE + ",\"sort\":[\"_doc\"]}");
        long read = 0;
        while (page.path("hits").path("hits").size() > 0) {
            read += page.path("hits").path("hits").size();
            page = es.request("POST", "/_search/scroll",
                    JSON.createObjectNode().put("scroll", "1m").put("scroll_id", page.path("_scroll_id").asText()).toString());
        }
        es.request("DELETE", "/_search/scroll",
                JSON.createObjectNode().put("scroll_id", page.path("_scroll_id").asText()).toString());
        return read;
    }
}
