package io.ncwatch.cli;

import io.ncwatch.job.HuntScope;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ncwatch run --from-es URL --index PATTERN --from T [--to T]}: the job over history in Elasticsearch, not Kafka. */
final class FromElasticsearchOptions {

    @Option(names = "--from-es", paramLabel = "URL", description = {"read the events from the documents of this"
            + " Elasticsearch (--index, --from, --to) instead of Kafka, then finish; credentials and TLS: the job's"
            + " elasticsearch.* settings"})
    String url;

    @Option(names = "--tiebreaker", paramLabel = "FIELD", description = "with --from-es: a keyword field unique to every"
            + " document, which orders those of one @timestamp (default: event.id)")
    String tiebreaker;

    @Mixin
    HuntScopeOptions scope;

    /**
     * What to read, or null when the events come from Kafka.
     *
     * @throws IllegalArgumentException when a part of the scope is missing, or given without {@code --from-es}
     */
    HuntScope scope() {
        if (url != null) {
            return scope.scope("--from-es", url, tiebreaker);
        }
        if (scope.index != null || scope.from != null || scope.to != null || tiebreaker != null) {
            throw new IllegalArgumentException("--index, --from, --to and --tiebreaker read from Elasticsearch: give --from-es URL too");
        }
        return null;
    }
}
