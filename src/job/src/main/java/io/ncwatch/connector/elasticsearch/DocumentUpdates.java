package io.ncwatch.connector.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends {@link EsDocument.Operation#UPDATE} documents, without scripts (the minimal distribution has no
 * Painless and no update by query): per index, a refresh (so that documents created just before are
 * found), one search by their ids for where each is (a data stream takes no update by id, its backing
 * index does), its sequence number and its current value, then one bulk of partial updates of those whose
 * value is higher, each conditional on the sequence number read: a concurrent change makes it a 409, and
 * it is sent again.
 */
final class DocumentUpdates {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What came of a batch of updates: those to send again, and how many found no document. */
    record Outcome(List<EsDocument> again, int missing) {}

    /** An update's JSON: the dotted field that orders updates, and the partial document to merge. */
    private record Update(EsDocument document, String ifHigher, JsonNode doc) {
        static Update of(EsDocument document) {
            try {
                JsonNode update = JSON.readTree(document.json());
                return new Update(document, update.path("if_higher").asText(), update.path("doc"));
            } catch (IOException e) {
                throw new UncheckedIOException("update " + document.id() + " is not JSON", e);
            }
        }

        long value() {
            return at(doc, ifHigher).asLong();
        }
    }

    private final ElasticsearchAsyncClient client;

    DocumentUpdates(ElasticsearchAsyncClient client) {
        this.client = client;
    }

    CompletableFuture<Outcome> send(List<EsDocument> updates) {
        Map<String, Map<String, Update>> byIndex = new LinkedHashMap<>();
        // The last update of an id in the batch is its highest: updates of one id come from one task, in order.
        updates.forEach(update -> byIndex.computeIfAbsent(update.index(), index -> new LinkedHashMap<>())
                .put(update.id(), Update.of(update)));
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        byIndex.forEach((index, byId) -> outcomes.add(send(index, byId)));
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<EsDocument> again = new ArrayList<>();
            int missing = 0;
            for (CompletableFuture<Outcome> outcome : outcomes) {
                again.addAll(outcome.join().again());
                missing += outcome.join().missing();
            }
            return new Outcome(again, missing);
        });
    }

    private CompletableFuture<Outcome> send(String index, Map<String, Update> byId) {
        List<String> ids = List.copyOf(byId.keySet());
        List<String> fields = byId.values().stream().map(Update::ifHigher).distinct().toList();
        return client.indices().refresh(refresh -> refresh.index(index))
                .thenCompose(refreshed -> client.search(search -> search.index(index)
                        .query(query -> query.ids(match -> match.values(ids)))
                        .size(ids.size())
                        .seqNoPrimaryTerm(true)
                        .source(source -> source.filter(filter -> filter.includes(fields))), JsonData.class))
                .thenCompose(found -> write(found, byId));
    }

    private CompletableFuture<Outcome> write(SearchResponse<JsonData> found, Map<String, Update> byId) {
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        List<Update> sent = new ArrayList<>();
        for (Hit<JsonData> hit : found.hits().hits()) {
            Update update = byId.get(hit.id());
            JsonNode stored = at(source(hit), update.ifHigher());
            if (stored.isNumber() && stored.asLong() >= update.value()) {
                continue;
            }
            JsonData doc = JsonData.fromJson(update.doc().toString());
            bulk.operations(operation -> operation.update(write -> write.index(hit.index()).id(hit.id())
                    .ifSeqNo(hit.seqNo()).ifPrimaryTerm(hit.primaryTerm())
                    .action(action -> action.doc(doc))));
            sent.add(update);
        }
        int missing = byId.size() - found.hits().hits().size();
        if (sent.isEmpty()) {
            return CompletableFuture.completedFuture(new Outcome(List.of(), missing));
        }
        return client.bulk(bulk.build()).thenApply(response -> new Outcome(again(response, sent), missing));
    }

    /** The updates whose write did not succeed: a 409 (changed since read), 429 or 5xx; sent again, they are idempotent. */
    private static List<EsDocument> again(BulkResponse response, List<Update> sent) {
        List<EsDocument> again = new ArrayList<>();
        List<BulkResponseItem> items = response.items();
        for (int i = 0; i < sent.size(); i++) {
            if (items.get(i).error() != null) {
                again.add(sent.get(i).document());
            }
        }
        return again;
    }

    private static JsonNode source(Hit<JsonData> hit) {
        try {
            return hit.source() == null ? JSON.createObjectNode() : JSON.readTree(hit.source().toJson().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node at a dotted path through nested objects; missing when absent. */
    private static JsonNode at(JsonNode node, String dottedPath) {
        JsonNode current = node;
        for (String part : dottedPath.split("\\.")) {
            current = current.path(part);
        }
        return current;
    }
}
