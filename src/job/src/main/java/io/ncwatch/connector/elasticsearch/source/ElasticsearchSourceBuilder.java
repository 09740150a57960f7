package io.ncwatch.connector.elasticsearch.source;

import io.ncwatch.connector.elasticsearch.ElasticsearchSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Builds an {@link ElasticsearchSource}. Required: the connection, the index pattern, the time range,
 * a tiebreaker and the deserializer. Defaults: {@code @timestamp} as the time field, no extra filter, the
 * whole {@code _source}, pages of 1,000 documents, 8 time slices, at most 10 searches a second per reader
 * and 10,000 documents a second in all, 10 retries of a failing search, a 60 s request timeout. {@link #build()} refuses a wrong setting, naming it.
 */
public final class ElasticsearchSourceBuilder<T> {
    private static final int MAX_PAGE_SIZE = 10_000;

    private ElasticsearchSettings connection;
    private String index;
    private Instant from;
    private Instant to;
    private String timestampField = "@timestamp";
    private String tiebreaker;
    private String filter;
    private List<String> sourceIncludes = List.of();
    private int pageSize = 1000;
    private int slices = 8;
    private double maxRequestsPerSecond = 10;
    private double maxDocumentsPerSecond = 10_000;
    private int maxRetries = 10;
    private Duration requestTimeout = Duration.ofSeconds(60);
    private SearchHitDeserializer<T> deserializer;

    ElasticsearchSourceBuilder() {
    }

    /** Where Elasticsearch is, and its credentials and trust, as for the sink. */
    public ElasticsearchSourceBuilder<T> setConnection(ElasticsearchSettings connection) {
        this.connection = connection;
        return this;
    }

    /** An index, data stream or pattern, such as {@code logs-cloud_defend.process-*}; several separated by commas. */
    public ElasticsearchSourceBuilder<T> setIndex(String index) {
        this.index = index;
        return this;
    }

    /** The documents whose time field is in {@code [from, to)}. */
    public ElasticsearchSourceBuilder<T> setTimeRange(Instant from, Instant to) {
        this.from = from;
        this.to = to;
        return this;
    }

    /** The date field that places a document in the range and orders the reading. */
    public ElasticsearchSourceBuilder<T> setTimestampField(String field) {
        this.timestampField = field;
        return this;
    }

    /**
     * A keyword field that is present and unique in every document, such as {@code event.id}: it orders the
     * documents of one timestamp, so that a position says exactly which were read.
     */
    public ElasticsearchSourceBuilder<T> setTiebreaker(String field) {
        this.tiebreaker = field;
        return this;
    }

    /** A query (query DSL JSON, such as {@code {"terms":{"event.category":["process"]}}}) documents must match too. */
    public ElasticsearchSourceBuilder<T> setFilter(String queryJson) {
        this.filter = queryJson;
        return this;
    }

    /** The {@code _source} fields to fetch (patterns allowed); none: the whole document. */
    public ElasticsearchSourceBuilder<T> setSourceIncludes(List<String> fields) {
        this.sourceIncludes = List.copyOf(fields);
        return this;
    }

    /** Documents a search returns. */
    public ElasticsearchSourceBuilder<T> setPageSize(int pageSize) {
        this.pageSize = pageSize;
        return this;
    }

    /** Time slices the range is cut into; readers share them, so more slices than readers balance better. */
    public ElasticsearchSourceBuilder<T> setSlices(int slices) {
        this.slices = slices;
        return this;
    }

    /** The most searches one reader sends a second. */
    public ElasticsearchSourceBuilder<T> setMaxRequestsPerSecond(double rate) {
        this.maxRequestsPerSecond = rate;
        return this;
    }

    /** The most documents all readers together fetch a second; each reader takes its share. */
    public ElasticsearchSourceBuilder<T> setMaxDocumentsPerSecond(double rate) {
        this.maxDocumentsPerSecond = rate;
        return this;
    }

    /** Failed searches in a row (429, 5xx, no connection) retried with backoff before the reader fails. */
    public ElasticsearchSourceBuilder<T> setMaxRetries(int retries) {
        this.maxRetries = retries;
        return this;
    }

    public ElasticsearchSourceBuilder<T> setRequestTimeout(Duration timeout) {
        this.requestTimeout = timeout;
        return this;
    }

    public ElasticsearchSourceBuilder<T> setDeserializer(SearchHitDeserializer<T> deserializer) {
        this.deserializer = deserializer;
        return this;
    }

    public ElasticsearchSource<T> build() {
        Objects.requireNonNull(connection, "connection is required");
        Objects.requireNonNull(deserializer, "deserializer is required");
        required("index", index);
        if (index.contains("/") || index.contains(" ") || index.contains("?")) {
            throw new IllegalArgumentException("index: not an index pattern: " + index);
        }
        required("timestampField", timestampField);
        required("tiebreaker", tiebreaker);
        if (from == null || to == null || !from.isBefore(to)) {
            throw new IllegalArgumentException("timeRange needs from before to, got " + from + " and " + to);
        }
        if (filter != null && !SliceQuery.parse(filter).isObject()) {
            throw new IllegalArgumentException("filter must be a query object, got " + filter);
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1 to " + MAX_PAGE_SIZE + ", got " + pageSize);
        }
        if (slices < 1) {
            throw new IllegalArgumentException("slices must be positive, got " + slices);
        }
        if (!(maxRequestsPerSecond > 0)) {
            throw new IllegalArgumentException("maxRequestsPerSecond must be positive, got " + maxRequestsPerSecond);
        }
        if (!(maxDocumentsPerSecond > 0)) {
            throw new IllegalArgumentException("maxDocumentsPerSecond must be positive, got " + maxDocumentsPerSecond);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, got " + maxRetries);
        }
        if (requestTimeout.toMillis() <= 0) {
            throw new IllegalArgumentException("requestTimeout must be positive, got " + requestTimeout);
        }
        SliceQuery query = new SliceQuery(index, timestampField, tiebreaker, filter, sourceIncludes, pageSize);
        FetchSettings settings = new FetchSettings(connection, query, maxRequestsPerSecond, maxDocumentsPerSecond,
                maxRetries, requestTimeout);
        return new ElasticsearchSource<>(settings, TimeSlices.of(from.toEpochMilli(), to.toEpochMilli(), slices),
                deserializer);
    }

    private static void required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
