package io.ncwatch.connector.elasticsearch;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A document to create in Elasticsearch: the target index or data stream, a deterministic id and the
 * document as UTF-8 JSON bytes, which the sink sends as they are, without parsing them.
 *
 * <p>It is the sink's request entry, made from each input by the caller's element converter; {@link
 * EsDocumentStateSerializer} writes it into checkpoints.
 */
public record EsDocument(String index, String id, byte[] json) implements Serializable {

    static final int MAX_INDEX_BYTES = 255;
    static final int MAX_ID_BYTES = 512;

    public EsDocument {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(json, "json");
        if (index.isEmpty() || id.isEmpty()) {
            throw new IllegalArgumentException("index and id must not be empty");
        }
        if (utf8Length(index) > MAX_INDEX_BYTES || utf8Length(id) > MAX_ID_BYTES) {
            throw new IllegalArgumentException("Elasticsearch takes index names up to " + MAX_INDEX_BYTES
                    + " bytes and ids up to " + MAX_ID_BYTES + " bytes: " + index + " / " + id);
        }
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The bytes this document adds to a bulk request, roughly: the source and the action's names. */
    public long sizeInBytes() {
        return json.length + index.length() + id.length();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EsDocument other
                && index.equals(other.index)
                && id.equals(other.id)
                && Arrays.equals(json, other.json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, id, Arrays.hashCode(json));
    }

    @Override
    public String toString() {
        return "EsDocument[index=" + index + ", id=" + id + ", json=" + json.length + " bytes]";
    }

    /** The JSON as text, for tests and messages. */
    public String jsonText() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
