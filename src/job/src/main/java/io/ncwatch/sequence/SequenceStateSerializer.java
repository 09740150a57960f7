package io.ncwatch.sequence;

import io.ncwatch.eql.runtime.PartialSequence;
import io.ncwatch.eql.runtime.SequenceMember;
import io.ncwatch.eql.runtime.SequenceState;
import io.ncwatch.record.SequenceEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What a join key's sequence matcher holds ({@link SequenceState}), in a format of our own. Format 1:
 * partial count; per partial its member count, per member stage, timestamp and event
 * ({@link SequenceEventSerializer}), then its leading and gap missing-event timestamps (a presence flag,
 * then the value); then the count and values of the leading missing-event timestamps. A new format
 * needs a new snapshot that reads this one.
 */
public final class SequenceStateSerializer extends TypeSerializerSingleton<SequenceState<SequenceEvent>> {
    public static final SequenceStateSerializer INSTANCE = new SequenceStateSerializer();

    private static final SequenceEventSerializer EVENTS = SequenceEventSerializer.INSTANCE;

    @Override
    public boolean isImmutableType() {
        // Its lists are immutable, but the events in them are not.
        return false;
    }

    @Override
    public SequenceState<SequenceEvent> createInstance() {
        return new SequenceState<>(List.of(), List.of());
    }

    @Override
    public SequenceState<SequenceEvent> copy(SequenceState<SequenceEvent> from) {
        List<PartialSequence<SequenceEvent>> partials = new ArrayList<>(from.partials().size());
        for (PartialSequence<SequenceEvent> partial : from.partials()) {
            List<SequenceMember<SequenceEvent>> members = new ArrayList<>(partial.members().size());
            for (SequenceMember<SequenceEvent> member : partial.members()) {
                members.add(new SequenceMember<>(member.stage(), member.timestamp(), EVENTS.copy(member.payload())));
            }
            partials.add(new PartialSequence<>(members, partial.leadingMissing(), partial.gapMissing()));
        }
        return new SequenceState<>(partials, from.leadingMissing());
    }

    @Override
    public SequenceState<SequenceEvent> copy(SequenceState<SequenceEvent> from, SequenceState<SequenceEvent> reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SequenceState<SequenceEvent> state, DataOutputView out) throws IOException {
        out.writeInt(state.partials().size());
        for (PartialSequence<SequenceEvent> partial : state.partials()) {
            out.writeInt(partial.members().size());
            for (SequenceMember<SequenceEvent> member : partial.members()) {
                out.writeInt(member.stage());
                out.writeLong(member.timestamp());
                EVENTS.serialize(member.payload(), out);
            }
            writeOptional(partial.leadingMissing(), out);
            writeOptional(partial.gapMissing(), out);
        }
        out.writeInt(state.leadingMissing().size());
        for (long timestamp : state.leadingMissing()) {
            out.writeLong(timestamp);
        }
    }

    @Override
    public SequenceState<SequenceEvent> deserialize(DataInputView in) throws IOException {
        int partialCount = in.readInt();
        List<PartialSequence<SequenceEvent>> partials = new ArrayList<>(partialCount);
        for (int p = 0; p < partialCount; p++) {
            int memberCount = in.readInt();
            List<SequenceMember<SequenceEvent>> members = new ArrayList<>(memberCount);
            for (int m = 0; m < memberCount; m++) {
                int stage = in.readInt();
                long timestamp = in.readLong();
                members.add(new SequenceMember<>(stage, timestamp, EVENTS.deserialize(in)));
            }
            partials.add(new PartialSequence<>(members, readOptional(in), readOptional(in)));
        }
        int leadingCount = in.readInt();
        List<Long> leadingMissing = new ArrayList<>(leadingCount);
        for (int i = 0; i < leadingCount; i++) {
            leadingMissing.add(in.readLong());
        }
        return new SequenceState<>(partials, leadingMissing);
    }

    @Override
    public SequenceState<SequenceEvent> deserialize(SequenceState<SequenceEvent> reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    private static void writeOptional(Long value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    private static Long readOptional(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }

    @Override
    public TypeSerializerSnapshot<SequenceState<SequenceEvent>> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SequenceState<SequenceEvent>> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
