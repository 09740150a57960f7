package io.ncwatch.connector.elasticsearch.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.List;

/**
 * The search that reads a time slice, one page at a time: the documents of {@code index} in the slice
 * (and matching {@code filter}), sorted by {@code timestampField} and then {@code tiebreaker}, so that the
 * last hit's sort values say exactly where the next page starts ({@code search_after}), in this point in
 * time or in a new one (a restored job's, or after the old one expired).
 *
 * @param filter a query (Elasticsearch query DSL, as JSON) the documents must match too; or null
 * @param sourceIncludes the {@code _source} fields to send; empty sends the whole document
 */
record SliceQuery(String index, String timestampField, String tiebreaker, String filter, List<String> sourceIncludes,
        int pageSize) implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper();

    SliceQuery {
        sourceIncludes = List.copyOf(sourceIncludes);
    }

    /** How long a point in time lives between two searches of it. */
    static final String KEEP_ALIVE = "5m";

    /** Opens a point in time of the index: every page is then read from the same view of it. */
    String openPointInTimePath() {
        return "/" + index + "/_pit?keep_alive=" + KEEP_ALIVE;
    }

    /**
     * The search's path (a point in time names the index): no partial results, since a shard that fails
     * would silently leave its documents out.
     */
    String searchPath() {
        return "/_search?allow_partial_search_results=false";
    }

    /** The request body for the page of {@code slice} after {@code slice.position()}, in the point in time {@code pit}. */
    String body(TimeSliceSplit slice, String pit) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("pit").put("id", pit).put("keep_alive", KEEP_ALIVE);
        body.put("size", pageSize);
        body.put("track_total_hits", false);
        body.set("query", query(slice.start(), slice.end()));
        ArrayNode sort = body.putArray("sort");
        sort.addObject().putObject(timestampField).put("order", "asc");
        sort.addObject().putObject(tiebreaker).put("order", "asc");
        if (!sourceIncludes.isEmpty()) {
            sourceIncludes.forEach(body.putObject("_source").putArray("includes")::add);
        }
        if (slice.position() != null) {
            body.set("search_after", parse(slice.position()));
        }
        return body.toString();
    }

    /** The body of a {@code _count} of the documents in {@code [start, end)} this query reads. */
    String countBody(long start, long end) {
        ObjectNode body = JSON.createObjectNode();
        body.set("query", query(start, end));
        return body.toString();
    }

    private ObjectNode query(long start, long end) {
        ObjectNode query = JSON.createObjectNode();
        ArrayNode filters = query.putObject("bool").putArray("filter");
        filters.addObject().putObject("range").putObject(timestampField)
                .put("gte", start)
                .put("lt", end)
                .put("format", "epoch_millis");
        if (filter != null) {
            filters.add(parse(filter));
        }
        return query;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
