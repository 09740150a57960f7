package io.ncwatch.connector.elasticsearch.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.connector.elasticsearch.BackoffPolicy;
import io.ncwatch.connector.elasticsearch.ElasticsearchRestClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.SplittableRandom;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a reader's slices one after another, a page per {@link #fetch}: a search after the slice's
 * position in the reader's point in time (opened on its first search, reopened when it expired, closed
 * with the reader), paced to the reader's request rate and to its share of the documents a second. A
 * search that Elasticsearch refuses for now (429, 5xx) or that finds no node is sent again after a
 * backoff, from the same position; any other refusal, or too many failures in a row, fails the reader,
 * and the job resumes from its last checkpoint.
 */
final class SliceFetcher implements SplitReader<SearchHit, TimeSliceSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(SliceFetcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    private final FetchSettings settings;
    private final RestClient client;
    private final BackoffPolicy backoff;
    private final long requestIntervalNanos;
    private final double nanosPerDocument;
    private final Queue<TimeSliceSplit> slices = new ArrayDeque<>();
    private TimeSliceSplit current;
    private String pointInTime;
    private long nextRequestNanos;

    /** @param readers how many readers share the source's documents a second */
    SliceFetcher(FetchSettings settings, int readers) {
        this.settings = settings;
        this.client = ElasticsearchRestClients.create(settings.connection(), settings.requestTimeout());
        this.backoff = new BackoffPolicy(FIRST_BACKOFF, settings.connection().maxBackoff(), new SplittableRandom());
        this.requestIntervalNanos = (long) (1e9 / settings.maxRequestsPerSecond());
        this.nanosPerDocument = 1e9 * readers / settings.maxDocumentsPerSecond();
        this.nextRequestNanos = System.nanoTime();
    }

    @Override
    public RecordsWithSplitIds<SearchHit> fetch() throws IOException {
        RecordsBySplits.Builder<SearchHit> page = new RecordsBySplits.Builder<>();
        if (current == null) {
            current = slices.poll();
            if (current == null) {
                return page.build();
            }
        }
        JsonNode hits = search(current).path("hits").path("hits");
        // The next search waits until this page's documents fit the reader's share of the throttle.
        nextRequestNanos += Math.max(0, (long) (hits.size() * nanosPerDocument) - requestIntervalNanos);
        for (JsonNode hit : hits) {
            String sort = hit.path("sort").toString();
            page.add(current, new SearchHit(JSON.writeValueAsBytes(hit.path("_source")), hit.path("_id").asText(),
                    hit.path("_index").asText(), sort));
            current = current.readUpTo(sort);
        }
        if (hits.size() < settings.query().pageSize()) {
            page.addFinishedSplit(current.splitId());
            current = null;
        }
        return page.build();
    }

    private JsonNode search(TimeSliceSplit slice) throws IOException {
        for (int failures = 1; ; failures++) {
            pace();
            IOException failure;
            try {
                if (pointInTime == null) {
                    pointInTime = request(new Request("POST", settings.query().openPointInTimePath())).path("id").asText();
                }
                Request search = new Request("POST", settings.query().searchPath());
                search.setJsonEntity(settings.query().body(slice, pointInTime));
                JsonNode response = request(search);
                pointInTime = response.path("pit_id").asText(pointInTime);
                return response;
            } catch (ResponseException e) {
                int status = e.getResponse().getStatusLine().getStatusCode();
                if (e.getMessage().contains("search_context_missing_exception")) {
                    // Expired (after a long backoff, say): a new one serves, since positions hold sort values only.
                    pointInTime = null;
                } else if (status != 429 && status < 500) {
                    throw new IOException("Elasticsearch refused the search of " + settings.query().index() + ": "
                            + e.getMessage(), e);
                }
                failure = e;
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                failure = e;
            }
            if (failures > settings.maxRetries()) {
                throw new IOException("the search of " + settings.query().index() + " failed " + failures
                        + " times in a row", failure);
            }
            long delay = backoff.delayMillis(failures);
            LOG.warn("Elasticsearch search of {} failed ({}); retrying {} in {} ms from the same position",
                    settings.query().index(), failure.getMessage(), slice.splitId(), delay);
            sleep(delay);
        }
    }

    private JsonNode request(Request request) throws IOException {
        try (InputStream response = client.performRequest(request).getEntity().getContent()) {
            return JSON.readTree(response);
        }
    }

    /** Waits until the time of the next request, then sets the earliest time of the one after it. */
    private void pace() throws InterruptedIOException {
        long wait = nextRequestNanos - System.nanoTime();
        if (wait > 0) {
            sleep(wait / 1_000_000);
        }
        nextRequestNanos = System.nanoTime() + requestIntervalNanos;
    }

    private static void sleep(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to search");
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<TimeSliceSplit> change) {
        if (change instanceof SplitsAddition<TimeSliceSplit> addition) {
            slices.addAll(addition.splits());
        }
    }

    @Override
    public void wakeUp() {
        // A fetch is one search, bounded by the request timeout: nothing to interrupt.
    }

    @Override
    public void close() throws IOException {
        try (client) {
            if (pointInTime != null) {
                Request close = new Request("DELETE", "/_pit");
                close.setJsonEntity(JSON.createObjectNode().put("id", pointInTime).toString());
                client.performRequest(close);
            }
        } catch (IOException e) {
            LOG.warn("could not close the point in time of {} (it expires by itself in {}): {}",
                    settings.query().index(), SliceQuery.KEEP_ALIVE, e.getMessage());
        }
    }
}
