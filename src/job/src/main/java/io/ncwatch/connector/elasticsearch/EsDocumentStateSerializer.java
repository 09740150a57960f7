package io.ncwatch.connector.elasticsearch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;

/**
 * Writes the documents the sink holds at a checkpoint (buffered, not yet acknowledged) into the
 * checkpoint, in a format of our own so that a savepoint survives upgrades of Flink, of the client and
 * of this class.
 *
 * <p>Version 1, per document: index (modified UTF-8), id (modified UTF-8), JSON length (int), JSON
 * bytes. A later version must keep reading version 1.
 */
public final class EsDocumentStateSerializer extends AsyncSinkWriterStateSerializer<EsDocument> {

    static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public BufferedRequestState<EsDocument> deserialize(int version, byte[] serialized) throws IOException {
        // The base class does not pass the version on to deserializeRequestFromStream: check it here.
        if (version != VERSION) {
            throw new IOException("Elasticsearch sink state has version " + version
                    + ", this build reads version " + VERSION);
        }
        return super.deserialize(version, serialized);
    }

    @Override
    protected void serializeRequestToStream(EsDocument document, DataOutputStream out) throws IOException {
        out.writeUTF(document.index());
        out.writeUTF(document.id());
        out.writeInt(document.json().length);
        out.write(document.json());
    }

    @Override
    protected EsDocument deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
        String index = in.readUTF();
        String id = in.readUTF();
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        return new EsDocument(index, id, json);
    }
}
