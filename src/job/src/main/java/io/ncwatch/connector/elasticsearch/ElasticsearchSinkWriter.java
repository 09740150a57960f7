package io.ncwatch.connector.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends buffered documents to Elasticsearch as bulk {@code create} requests (and {@link DocumentUpdates updates}
 * after the creates sent before them) and sorts the results:
 * written, already present (409), retried after a backoff (429, 5xx, or the whole request failing
 * for lack of Elasticsearch), or replaced by the {@link RejectedDocumentHandler}'s document (any
 * other status).
 *
 * <p>Responses are handled on the mailbox thread, so the counters, the backoff state and the rate
 * limiter are touched by one thread only. A backoff never holds a request in flight: the documents go
 * back to the buffer at once (and so into checkpoints) and {@link BackoffRateLimitingStrategy} keeps
 * the next batch waiting.
 */
final class ElasticsearchSinkWriter<InputT> extends AsyncSinkWriter<InputT, EsDocument> {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkWriter.class);

    private final SinkSettings settings;
    private final ElasticsearchAsyncClient client;
    private final MailboxExecutor mailbox;
    private final BackoffRateLimitingStrategy rateLimiter;
    private final BackoffPolicy backoff;
    private final Counter written;
    private final Counter alreadyPresent;
    private final Counter deadLettered;
    private final Counter deadLettersRejected;
    private final Counter retries;
    private volatile long currentBackoffMillis;
    private int consecutiveFailures;
    private CompletableFuture<Void> setup;
    private final DocumentUpdates documentUpdates;
    private final Counter updated;
    private final Counter updatesWithoutDocument;
    /** Completes when every create sent so far has been answered. */
    private CompletableFuture<?> createsInFlight = CompletableFuture.completedFuture(null);

    // The non-deprecated constructor takes a BatchCreator and a RequestBuffer whose only implementations
    // are @Internal; this one builds those same defaults.
    @SuppressWarnings("deprecation")
    ElasticsearchSinkWriter(SinkSettings settings, ElementConverter<InputT, EsDocument> converter,
            AsyncSinkWriterConfiguration configuration, BackoffRateLimitingStrategy rateLimiter,
            WriterInitContext context, Collection<BufferedRequestState<EsDocument>> states) {
        super(converter, context, configuration, states);
        this.settings = settings;
        this.rateLimiter = rateLimiter;
        this.mailbox = context.getMailboxExecutor();
        this.backoff = new BackoffPolicy(settings.initialBackoff(), settings.maxBackoff(), new SplittableRandom());
        MetricGroup metrics = context.metricGroup();
        this.written = metrics.counter("documentsWritten");
        this.alreadyPresent = metrics.counter("documentsAlreadyPresent");
        this.deadLettered = metrics.counter("documentsDeadLettered");
        this.deadLettersRejected = metrics.counter("deadLettersRejected");
        this.retries = metrics.counter("retries");
        metrics.gauge("currentBackoffMs", () -> currentBackoffMillis);
        this.client = ElasticsearchClients.create(settings.connection());
        this.documentUpdates = new DocumentUpdates(client);
        this.updated = metrics.counter("documentsUpdated");
        this.updatesWithoutDocument = metrics.counter("updatesWithoutDocument");
        this.setup = startSetup();
    }

    @Override
    protected void submitRequestEntries(List<EsDocument> batch, ResultHandler<EsDocument> result) {
        List<EsDocument> creates = batch.stream().filter(document -> document.operation() == EsDocument.Operation.CREATE).toList();
        List<EsDocument> updates = batch.stream().filter(document -> document.operation() == EsDocument.Operation.UPDATE).toList();
        CompletableFuture<BulkResponse> bulk = creates.isEmpty() ? CompletableFuture.completedFuture(null)
                : setupDone().thenCompose(done -> client.bulk(bulkRequest(creates)));
        // Updates wait for every create sent before them (other requests may be in flight), so that the
        // document they update has been written, if it is ever written.
        CompletableFuture<?> earlier = CompletableFuture.allOf(createsInFlight, bulk).exceptionally(failure -> null);
        createsInFlight = earlier;
        CompletableFuture<DocumentUpdates.Outcome> updated = updates.isEmpty()
                ? CompletableFuture.completedFuture(new DocumentUpdates.Outcome(List.of(), 0))
                : earlier.thenCompose(done -> documentUpdates.send(updates));
        bulk.whenComplete((response, failure) -> updated.whenComplete((outcome, updateFailure) -> {
            long arrived = System.currentTimeMillis();
            mailbox.execute(() -> onResponses(creates, response, failure, updates, outcome, updateFailure, result, arrived),
                    "Elasticsearch responses for %s documents", batch.size());
        }));
    }

    @Override
    protected long getSizeInBytes(EsDocument document) {
        return document.sizeInBytes();
    }

    @Override
    public void close() {
        try {
            client._transport().close();
        } catch (IOException e) {
            LOG.warn("Closing the Elasticsearch client failed", e);
        }
    }

    private CompletableFuture<Void> startSetup() {
        return settings.setup() == null ? CompletableFuture.completedFuture(null) : settings.setup().run(client);
    }

    /** A bulk waits for the setup, and runs it again if it failed (Elasticsearch was down, say). */
    private CompletableFuture<Void> setupDone() {
        if (setup.isCompletedExceptionally()) {
            setup = startSetup();
        }
        return setup;
    }

    private static BulkRequest bulkRequest(List<EsDocument> batch) {
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (EsDocument document : batch) {
            BinaryData source = BinaryData.of(singleLine(document.json()), ContentType.APPLICATION_JSON);
            bulk.operations(operation -> operation.create(create -> create
                    .index(document.index())
                    .id(document.id())
                    .document(source)));
        }
        return bulk.build();
    }

    /**
     * The bulk body is one JSON document per line. In valid JSON a raw newline can only be whitespace
     * between tokens, so turning it into a space changes nothing else.
     */
    static byte[] singleLine(byte[] json) {
        byte[] line = json;
        for (int i = 0; i < json.length; i++) {
            if (json[i] == '\n') {
                if (line == json) {
                    line = json.clone();
                }
                line[i] = ' ';
            }
        }
        return line;
    }

    private void onResponses(List<EsDocument> creates, BulkResponse response, Throwable failure, List<EsDocument> updates,
            DocumentUpdates.Outcome outcome, Throwable updateFailure, ResultHandler<EsDocument> result, long arrived) {
        List<EsDocument> again = new ArrayList<>();
        String retrying = null;
        if (failure != null) {
            if (!RequestFailure.isRetryable(failure)) {
                result.completeExceptionally(new RefusedRequestException(
                        RequestFailure.explain(failure, settings.connection()) + "; retrying cannot fix this", failure));
                return;
            }
            again.addAll(creates);
            retrying = "bulk request of " + creates.size() + " documents failed (" + RequestFailure.describe(failure) + ")";
        } else if (response != null) {
            if (response.items().size() != creates.size()) {
                result.completeExceptionally(new IOException("Elasticsearch answered " + response.items().size()
                        + " results for a bulk of " + creates.size() + " documents"));
                return;
            }
            retrying = sortCreates(creates, response, again, arrived);
        }
        if (updateFailure != null) {
            again.addAll(updates);
            retrying = retrying != null ? retrying : "update of " + updates.size() + " documents failed ("
                    + RequestFailure.describe(updateFailure) + ")";
        } else if (!updates.isEmpty()) {
            again.addAll(outcome.again());
            updated.inc(updates.size() - outcome.again().size() - outcome.missing());
            if (outcome.missing() > 0) {
                updatesWithoutDocument.inc(outcome.missing());
                LOG.warn("{} of {} updates found no document to update (it was refused, or is being retried): they are dropped,"
                        + " the next update of the same document carries its whole count", outcome.missing(), updates.size());
            }
            retrying = retrying != null || outcome.again().isEmpty() ? retrying
                    : outcome.again().size() + " updates met a concurrent update";
        }
        if (retrying != null) {
            LOG.warn("Elasticsearch: {}; retrying in {} ms", retrying, backOff());
        } else {
            consecutiveFailures = 0;
            currentBackoffMillis = 0;
        }
        if (again.isEmpty()) {
            result.complete();
        } else {
            result.retryForEntries(again);
        }
    }

    /**
     * Sorts the results of a bulk of creates; adds those to send again to {@code again}.
     *
     * @return why some are retried, or null when none is
     */
    private String sortCreates(List<EsDocument> batch, BulkResponse response, List<EsDocument> again, long arrived) {
        List<BulkResponseItem> items = response.items();
        int refused = 0;
        String firstRefusal = null;
        for (int i = 0; i < batch.size(); i++) {
            EsDocument document = batch.get(i);
            BulkResponseItem item = items.get(i);
            boolean isReplacement = settings.rejectedDocumentHandler().isReplacement(document);
            switch (BulkItemOutcome.of(item.status())) {
                case WRITTEN -> {
                    (isReplacement ? deadLettered : written).inc();
                    if (!isReplacement && settings.acknowledgementListener() != null) {
                        settings.acknowledgementListener().acknowledged(document, arrived);
                    }
                }
                case ALREADY_PRESENT -> alreadyPresent.inc();
                case RETRY -> {
                    again.add(document);
                    refused++;
                    firstRefusal = firstRefusal != null ? firstRefusal : rejection(item).toString();
                }
                case REJECTED -> {
                    if (isReplacement) {
                        deadLettersRejected.inc();
                        LOG.error("Elasticsearch rejected replacement document {} in {} ({}): it is lost",
                                document.id(), document.index(), rejection(item));
                    } else {
                        again.add(replacement(document, item));
                    }
                }
            }
        }
        return refused == 0 ? null : "refused " + refused + " of " + batch.size() + " documents (first: " + firstRefusal + ")";
    }

    private long backOff() {
        consecutiveFailures++;
        long delay = backoff.delayMillis(consecutiveFailures);
        rateLimiter.pauseFor(delay);
        retries.inc();
        currentBackoffMillis = delay;
        return delay;
    }

    private EsDocument replacement(EsDocument document, BulkResponseItem item) {
        Rejection rejection = rejection(item);
        LOG.warn("Replacing document {} for {}: {}", document.id(), document.index(), rejection);
        return settings.rejectedDocumentHandler().replacementFor(document, rejection);
    }

    private static Rejection rejection(BulkResponseItem item) {
        ErrorCause error = item.error();
        if (error == null) {
            return new Rejection(OptionalInt.of(item.status()), "http_" + item.status(), "no error given");
        }
        ErrorCause cause = error.causedBy();
        String reason = cause == null ? error.reason()
                : error.reason() + " (caused by " + cause.type() + ": " + cause.reason() + ")";
        return new Rejection(OptionalInt.of(item.status()), error.type(), reason);
    }
}
