package io.ncwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The real Elasticsearch of {@code bin/stack}, started once per JVM, with what tests ask of it. */
public final class ElasticsearchServer {

    private static ElasticsearchServer shared;

    private final Stack stack = new Stack("shared");
    private final String url;
    private final Map<String, Integer> ports;

    private ElasticsearchServer(String url, Map<String, Integer> ports) {
        this.url = url;
        this.ports = ports;
    }

    /** The server of this JVM, started on first use. */
    public static synchronized ElasticsearchServer shared() {
        if (shared == null) {
            List<Integer> free = Stack.freePorts(2);
            Map<String, Integer> ports = Map.of("ES_PORT", free.get(0), "ES_TRANSPORT_PORT", free.get(1));
            shared = new ElasticsearchServer("http://localhost:" + free.get(0), ports);
            shared.stack.start("elasticsearch", ports);
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

    /** Stops the server gracefully, as an operator or a crash-free outage would; its data stays. */
    public void stop() {
        stack.down("elasticsearch", ports);
    }

    /** Starts the stopped server again on the same port with the same data; returns when it answers. */
    public void start() {
        stack.up("elasticsearch", ports);
    }
}
