package io.ncwatch.connector.elasticsearch.source;

import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/** Emits a hit as the deserializer makes it (none when it returns null) and moves its slice's position past it. */
final class SearchHitEmitter<T> implements RecordEmitter<SearchHit, T, SliceState> {
    private final SearchHitDeserializer<T> deserializer;

    SearchHitEmitter(SearchHitDeserializer<T> deserializer) {
        this.deserializer = deserializer;
    }

    @Override
    public void emitRecord(SearchHit hit, SourceOutput<T> output, SliceState slice) throws Exception {
        T record = deserializer.deserialize(hit.source(), hit.id(), hit.index());
        if (record != null) {
            output.collect(record);
        }
        slice.emitted(hit.sort());
    }
}
