package io.ncwatch.job;

import java.time.Instant;
import java.util.Objects;

/**
 * What a hunt over Elasticsearch reads: the documents of {@code index} (a pattern, such as
 * {@code logs-cloud_defend.process-*}) at {@code url} with {@code @timestamp} in {@code [from, to)}.
 * The job's {@code elasticsearch.auth.*} and {@code elasticsearch.tls.*} settings serve the reading too.
 *
 * @param tiebreaker a keyword field unique to each document that orders those of one timestamp
 * @param slices the time slices the range is cut into, shared by the readers
 */
public record HuntScope(String url, String index, Instant from, Instant to, String tiebreaker, int slices) {
    /** ECS's unique id of an event, present in every event Elastic's integrations write. */
    public static final String EVENT_ID = "event.id";

    public HuntScope {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(index, "index");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from must be before --to, got " + from + " and " + to);
        }
    }
}
