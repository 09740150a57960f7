package io.ncwatch.bench;

import io.ncwatch.decode.RawEvents;
import io.ncwatch.record.RawEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** One partition of a {@link MemorySource}'s traffic, read from {@code offset} on. */
final class MemorySplit implements IteratorSourceSplit<RawEvent, MemorySplit.Cursor> {
    final String traffic;
    final int partition;
    final int offset;

    MemorySplit(String traffic, int partition, int offset) {
        this.traffic = traffic;
        this.partition = partition;
        this.offset = offset;
    }

    @Override
    public String splitId() {
        return Integer.toString(partition);
    }

    @Override
    public Cursor getIterator() {
        return new Cursor(MemorySource.traffic(traffic).partitions()[partition], offset);
    }

    @Override
    public MemorySplit getUpdatedSplitForIterator(Cursor cursor) {
        return new MemorySplit(traffic, partition, cursor.next);
    }

    /** Walks the partition's events as Kafka records would arrive: bytes, topic, partition, offset. */
    final class Cursor implements Iterator<RawEvent> {
        private final byte[][] events;
        private int next;

        Cursor(byte[][] events, int next) {
            this.events = events;
            this.next = next;
        }

        @Override
        public boolean hasNext() {
            return next < events.length;
        }

        @Override
        public RawEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int offset = next++;
            return RawEvents.of(events[offset], MemorySource.TOPIC, partition, offset);
        }
    }

    /** Traffic name, partition and offset. */
    static final class Serializer implements SimpleVersionedSerializer<MemorySplit> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(MemorySplit split) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(split.traffic);
                out.writeInt(split.partition);
                out.writeInt(split.offset);
            }
            return bytes.toByteArray();
        }

        @Override
        public MemorySplit deserialize(int version, byte[] serialized) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                return new MemorySplit(in.readUTF(), in.readInt(), in.readInt());
            }
        }
    }
}
