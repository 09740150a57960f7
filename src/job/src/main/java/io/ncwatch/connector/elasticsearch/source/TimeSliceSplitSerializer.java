package io.ncwatch.connector.elasticsearch.source;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** A split in checkpoints: slice number, bounds and position. Version 1. */
public final class TimeSliceSplitSerializer implements SimpleVersionedSerializer<TimeSliceSplit> {

    static final TimeSliceSplitSerializer INSTANCE = new TimeSliceSplitSerializer();

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(TimeSliceSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public TimeSliceSplit deserialize(int version, byte[] serialized) throws IOException {
        checkVersion(version);
        return read(new DataInputDeserializer(serialized));
    }

    static void checkVersion(int version) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown Elasticsearch source split version " + version + " (this one reads " + VERSION + ")");
        }
    }

    static void write(TimeSliceSplit split, DataOutputView out) throws IOException {
        out.writeInt(split.slice());
        out.writeLong(split.start());
        out.writeLong(split.end());
        out.writeBoolean(split.position() != null);
        if (split.position() != null) {
            out.writeUTF(split.position());
        }
    }

    static TimeSliceSplit read(DataInputView in) throws IOException {
        int slice = in.readInt();
        long start = in.readLong();
        long end = in.readLong();
        String position = in.readBoolean() ? in.readUTF() : null;
        return new TimeSliceSplit(slice, start, end, position);
    }
}
