package io.ncwatch.sequence;

import io.ncwatch.record.SequenceEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The sequence stage's events in state, in a format of our own: savepoints do not depend on Flink's POJO
 * rules or on the field order of {@link SequenceEvent}. Format 1: rule id, key, join key count and values,
 * stage count and indexes, until, timestamp, event id, topic, partition, offset, raw length (-1: none)
 * and bytes; strings as Flink's {@link StringValue} writes them (null allowed). A new format needs a new
 * snapshot that reads this one.
 */
public final class SequenceEventSerializer extends TypeSerializerSingleton<SequenceEvent> {
    public static final SequenceEventSerializer INSTANCE = new SequenceEventSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public SequenceEvent createInstance() {
        return new SequenceEvent();
    }

    @Override
    public SequenceEvent copy(SequenceEvent from) {
        SequenceEvent copy = new SequenceEvent();
        copy.ruleId = from.ruleId;
        copy.key = from.key;
        copy.joinKeys = from.joinKeys == null ? null : from.joinKeys.clone();
        copy.stages = from.stages == null ? null : from.stages.clone();
        copy.until = from.until;
        copy.timestamp = from.timestamp;
        copy.eventId = from.eventId;
        copy.topic = from.topic;
        copy.partition = from.partition;
        copy.offset = from.offset;
        copy.raw = from.raw == null ? null : from.raw.clone();
        return copy;
    }

    @Override
    public SequenceEvent copy(SequenceEvent from, SequenceEvent reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SequenceEvent event, DataOutputView out) throws IOException {
        StringValue.writeString(event.ruleId, out);
        StringValue.writeString(event.key, out);
        out.writeInt(event.joinKeys.length);
        for (String value : event.joinKeys) {
            StringValue.writeString(value, out);
        }
        out.writeInt(event.stages.length);
        for (int stage : event.stages) {
            out.writeInt(stage);
        }
        out.writeBoolean(event.until);
        out.writeLong(event.timestamp);
        StringValue.writeString(event.eventId, out);
        StringValue.writeString(event.topic, out);
        out.writeInt(event.partition);
        out.writeLong(event.offset);
        out.writeInt(event.raw == null ? -1 : event.raw.length);
        if (event.raw != null) {
            out.write(event.raw);
        }
    }

    @Override
    public SequenceEvent deserialize(DataInputView in) throws IOException {
        SequenceEvent event = new SequenceEvent();
        event.ruleId = StringValue.readString(in);
        event.key = StringValue.readString(in);
        event.joinKeys = new String[in.readInt()];
        for (int i = 0; i < event.joinKeys.length; i++) {
            event.joinKeys[i] = StringValue.readString(in);
        }
        event.stages = new int[in.readInt()];
        for (int i = 0; i < event.stages.length; i++) {
            event.stages[i] = in.readInt();
        }
        event.until = in.readBoolean();
        event.timestamp = in.readLong();
        event.eventId = StringValue.readString(in);
        event.topic = StringValue.readString(in);
        event.partition = in.readInt();
        event.offset = in.readLong();
        int rawLength = in.readInt();
        if (rawLength >= 0) {
            event.raw = new byte[rawLength];
            in.readFully(event.raw);
        }
        return event;
    }

    @Override
    public SequenceEvent deserialize(SequenceEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<SequenceEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SequenceEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
