package io.ncwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The real Elasticsearch of {@code bin/stack}, started once per JVM, with what tests ask of it. */
public final class ElasticsearchServer {

    private static ElasticsearchServer shared;

    private final String url;

    private ElasticsearchServer(String url) {
        this.url = url;
    }

    /** The server of this JVM, started on first use. */
    public static synchronized ElasticsearchServer shared() {
        if (shared == null) {
            List<Integer> ports = Stack.freePorts(2);
            Stack.start("elasticsearch", Map.of("ES_PORT", ports.get(0), "ES_TRANSPORT_PORT", ports.get(1)));
            shared = new ElasticsearchServer("http://localhost:" + ports.get(0));
        }
        return shared;
    }

    /** For example {@code http://localhost:41234}. */
    public String url() {
        return url;
    }

    /**
     * Sends one request (BODY may be null) and returns the JSON answer; fails on an HTTP error,
     * with Elasticsearch's answer in the message.
     */
    public JsonNode request(String method, String path, String body) {
        return JsonHttp.request(method, url + path, body);
    }

    /** Makes what was written to INDEX (an index, data stream or pattern) visible to searches. */
    public void refresh(String index) {
        request("POST", "/" + index + "/_refresh", null);
    }

    /** The number of documents in INDEX, after a refresh. */
    public long count(String index) {
        refresh(index);
        return request("GET", "/" + index + "/_count", null).get("count").asLong();
    }

    /** Every document of INDEX (up to 10,000), by id, after a refresh. */
    public Map<String, JsonNode> documents(String index) {
        return search(index, "{\"query\":{\"match_all\":{}}}");
    }

    /** The documents of INDEX that QUERY (a search request body) finds, up to 10,000, by id, after a refresh. */
    public Map<String, JsonNode> search(String index, String query) {
        refresh(index);
        Map<String, JsonNode> documents = new TreeMap<>();
        for (JsonNode hit : request("POST", "/" + index + "/_search?size=10000", query).path("hits").path("hits")) {
            documents.put(hit.get("_id").asText(), hit.get("_source"));
        }
        return documents;
    }
}
