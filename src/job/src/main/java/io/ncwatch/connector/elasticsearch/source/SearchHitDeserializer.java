package io.ncwatch.connector.elasticsearch.source;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;

/** Turns one search hit into the source's record. */
public interface SearchHitDeserializer<T> extends Serializable, ResultTypeQueryable<T> {

    /**
     * @param source the hit's {@code _source}, as UTF-8 JSON (filtered to the source's includes, if any)
     * @param id the document's {@code _id}
     * @param index the concrete index that holds it (a backing index, for a data stream)
     */
    T deserialize(byte[] source, String id, String index) throws IOException;
}
