package io.ncwatch.cli;

import io.ncwatch.job.HuntScope;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/**
 * What a run over Elasticsearch reads ({@code hunt --es} and {@code run --from-es}): the index pattern
 * and the time range, cut into slices the readers share.
 */
final class HuntScopeOptions {

    @Option(names = "--index", paramLabel = "PATTERN", description = "the Elasticsearch index, data stream or pattern"
            + " read, e.g. logs-cloud_defend.process-*")
    String index;

    @Option(names = "--from", paramLabel = "TIME", description = "the first @timestamp read, ISO-8601 (2026-01-01T00:00:00Z)")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "the end of the range read, not included (default: now)")
    String to;

    @Option(names = "--slices", paramLabel = "N", description = "time slices the readers share (default ${DEFAULT-VALUE})")
    int slices = 8;

    /**
     * The scope read from {@code url}.
     *
     * @param urlOption the option that named {@code url}, for messages
     * @param tiebreaker a keyword field unique to every document; null: {@code event.id}
     * @throws IllegalArgumentException naming the option that is missing or wrong
     */
    HuntScope scope(String urlOption, String url, String tiebreaker) {
        if (index == null || from == null) {
            throw new IllegalArgumentException(urlOption + " needs --index PATTERN and --from TIME");
        }
        try {
            return new HuntScope(url, index, Instant.parse(from), to == null ? Instant.now() : Instant.parse(to),
                    tiebreaker == null ? HuntScope.EVENT_ID : tiebreaker, slices);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--from and --to take ISO-8601 times such as 2026-01-01T00:00:00Z, got "
                    + e.getParsedString(), e);
        }
    }
}
