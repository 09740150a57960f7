package io.ncwatch.connector.elasticsearch;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A document to create in Elasticsearch: the target index or data stream, a deterministic id and the
 * document as UTF-8 JSON bytes, which the sink sends as they are, without parsing them. Or, with {@link
 * Operation#UPDATE}, an update of the document of that id: {@code {"if_higher": "a.b", "doc": {"a": {"b": N,
 * ...}}}} merges the partial document {@code doc} into it when N is higher than the stored {@code a.b} (or it
 * has none), so that repeating or reordering such updates leaves the highest one.
 *
 * <p>It is the sink's request entry, made from each input by the caller's element converter; {@link
 * EsDocumentStateSerializer} writes it into checkpoints.
 */
public record EsDocument(String index, String id, byte[] json, Operation operation) implements Serializable {

    /** What the sink does with the document. */
    public enum Operation {
        CREATE, UPDATE
    }

    /** A document to create. */
    public EsDocument(String index, String id, byte[] json) {
        this(index, id, json, Operation.CREATE);
    }

    static final int MAX_INDEX_BYTES = 255;
    static final int MAX_ID_BYTES = 512;

    public EsDocument {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(operation, "operation");
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
                && Arrays.equals(json, other.json)
                && operation == other.operation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, id, Arrays.hashCode(json), operation);
    }

    @Override
    public String toString() {
        return "EsDocument[" + operation + " index=" + index + ", id=" + id + ", json=" + json.length + " bytes]";
    }

    /** The JSON as text, for tests and messages. */
    public String jsonText() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
