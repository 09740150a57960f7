package io.ncwatch.job;

import io.ncwatch.connector.elasticsearch.source.SearchHitDeserializer;
import io.ncwatch.decode.RawEvents;
import io.ncwatch.record.RawEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Documents read from Elasticsearch as the job's input records: the {@code _source} bytes, with the index
 * and id in place of a topic (partition and offset 0), so an event without {@code event.id} still has an
 * identity of its own for its alerts' ids.
 */
final class RawEventHits implements SearchHitDeserializer<RawEvent> {

    @Override
    public RawEvent deserialize(byte[] source, String id, String index) {
        return RawEvents.of(source, index + "/" + id, 0, 0);
    }

    @Override
    public TypeInformation<RawEvent> getProducedType() {
        return TypeInformation.of(RawEvent.class);
    }
}
