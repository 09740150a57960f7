package io.ncwatch.connector.elasticsearch.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.connector.elasticsearch.ElasticsearchRestClients;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * A bounded source of the documents of an index pattern in a time range: the range is cut into time
 * slices that readers take one at a time, and each slice is read in order of timestamp and tiebreaker
 * with {@code search_after} in a point in time; a slice's position (the last sort values read) is in every checkpoint, so
 * a restarted job reads on from there, neither losing nor repeating a document. Made by {@link #builder()}.
 */
public final class ElasticsearchSource<T> implements Source<T, TimeSliceSplit, Collection<TimeSliceSplit>>,
        ResultTypeQueryable<T> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FetchSettings settings;
    private final List<TimeSliceSplit> slices;
    private final SearchHitDeserializer<T> deserializer;

    ElasticsearchSource(FetchSettings settings, List<TimeSliceSplit> slices, SearchHitDeserializer<T> deserializer) {
        this.settings = settings;
        this.slices = List.copyOf(slices);
        this.deserializer = deserializer;
    }

    /** How many documents this source reads, as Elasticsearch's {@code _count} of the same query says now. */
    public long count() throws IOException {
        long start = slices.get(0).start();
        long end = slices.get(slices.size() - 1).end();
        try (RestClient client = ElasticsearchRestClients.create(settings.connection(), settings.requestTimeout())) {
            Request request = new Request("POST", "/" + settings.query().index() + "/_count");
            request.setJsonEntity(settings.query().countBody(start, end));
            try (InputStream response = client.performRequest(request).getEntity().getContent()) {
                return JSON.readTree(response).path("count").asLong();
            }
        }
    }

    public static <T> ElasticsearchSourceBuilder<T> builder() {
        return new ElasticsearchSourceBuilder<>();
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<T, TimeSliceSplit> createReader(SourceReaderContext context) {
        return new TimeSliceReader<>(() -> new SliceFetcher(settings, context.currentParallelism()),
                new SearchHitEmitter<>(deserializer), context);
    }

    @Override
    public SplitEnumerator<TimeSliceSplit, Collection<TimeSliceSplit>> createEnumerator(
            SplitEnumeratorContext<TimeSliceSplit> context) {
        return new TimeSliceEnumerator(context, slices);
    }

    @Override
    public SplitEnumerator<TimeSliceSplit, Collection<TimeSliceSplit>> restoreEnumerator(
            SplitEnumeratorContext<TimeSliceSplit> context, Collection<TimeSliceSplit> pending) {
        return new TimeSliceEnumerator(context, pending);
    }

    @Override
    public SimpleVersionedSerializer<TimeSliceSplit> getSplitSerializer() {
        return TimeSliceSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<Collection<TimeSliceSplit>> getEnumeratorCheckpointSerializer() {
        return new PendingSlicesSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return deserializer.getProducedType();
    }
}
