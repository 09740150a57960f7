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
 * <p>Version 2, per document: index (modified UTF-8), id (modified UTF-8), JSON length (int), JSON
 * bytes, operation (a byte: 0 create, 1 update). Version 1 had no operation byte: every document was a
 * create. A later version must keep reading both.
 */
public final class EsDocumentStateSerializer extends AsyncSinkWriterStateSerializer<EsDocument> {

    static final int VERSION = 2;

    /** The version being read: the base class does not pass it on to {@link #deserializeRequestFromStream}. */
    private int reading = VERSION;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public BufferedRequestState<EsDocument> deserialize(int version, byte[] serialized) throws IOException {
        // The base class does not pass the version on to deserializeRequestFromStream: check it here.
        if (version != 1 && version != VERSION) {
            throw new IOException("Elasticsearch sink state has version " + version
                    + ", this build reads versions 1 to " + VERSION);
        }
        reading = version;
        return super.deserialize(version, serialized);
    }

    @Override
    protected void serializeRequestToStream(EsDocument document, DataOutputStream out) throws IOException {
        out.writeUTF(document.index());
        out.writeUTF(document.id());
        out.writeInt(document.json().length);
        out.write(document.json());
        out.writeByte(document.operation().ordinal());
    }

    @Override
    protected EsDocument deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
        String index = in.readUTF();
        String id = in.readUTF();
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        if (reading == 1) {
            return new EsDocument(index, id, json);
        }
        int operation = in.readByte();
        if (operation < 0 || operation >= EsDocument.Operation.values().length) {
            throw new IOException("Elasticsearch sink state: unknown operation " + operation + " of document " + id);
        }
        return new EsDocument(index, id, json, EsDocument.Operation.values()[operation]);
    }
}
