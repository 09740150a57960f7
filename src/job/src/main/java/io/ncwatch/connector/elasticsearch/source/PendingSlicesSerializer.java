package io.ncwatch.connector.elasticsearch.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** The enumerator's checkpoint: the slices no reader has taken yet, each as {@link TimeSliceSplitSerializer} writes it. */
final class PendingSlicesSerializer implements SimpleVersionedSerializer<Collection<TimeSliceSplit>> {

    @Override
    public int getVersion() {
        return TimeSliceSplitSerializer.INSTANCE.getVersion();
    }

    @Override
    public byte[] serialize(Collection<TimeSliceSplit> pending) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(16 + 32 * pending.size());
        out.writeInt(pending.size());
        for (TimeSliceSplit split : pending) {
            TimeSliceSplitSerializer.write(split, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public Collection<TimeSliceSplit> deserialize(int version, byte[] serialized) throws IOException {
        TimeSliceSplitSerializer.checkVersion(version);
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int size = in.readInt();
        List<TimeSliceSplit> pending = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            pending.add(TimeSliceSplitSerializer.read(in));
        }
        return pending;
    }
}
