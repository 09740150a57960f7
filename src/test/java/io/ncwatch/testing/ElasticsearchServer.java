package io.ncwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The real Elasticsearch of {@code bin/stack}, started once per JVM, with what tests ask of it. */
public final class ElasticsearchServer {

    private static ElasticsearchServer shared;

    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

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
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + path, e);
        }
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
