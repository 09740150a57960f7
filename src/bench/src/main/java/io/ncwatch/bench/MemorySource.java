package io.ncwatch.bench;

import io.ncwatch.record.RawEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceEnumerator;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceReader;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A bounded source over {@link Traffic} held in this JVM's memory (the MiniCluster runs in it), one
 * split per partition, so that a measurement pays for reading records as a Kafka source hands them over,
 * not for generating them. The job graph carries only the traffic's name.
 */
final class MemorySource implements Source<RawEvent, MemorySplit, Collection<MemorySplit>> {
    static final String TOPIC = "bench.events";
    private static final Map<String, Traffic> REGISTRY = new ConcurrentHashMap<>();

    private final String name;
    private final int partitions;

    private MemorySource(String name, int partitions) {
        this.name = name;
        this.partitions = partitions;
    }

    /** A source over {@code traffic}, registered under {@code name} until {@link #release}. */
    static MemorySource of(String name, Traffic traffic) {
        REGISTRY.put(name, traffic);
        return new MemorySource(name, traffic.partitions().length);
    }

    static void release(String name) {
        REGISTRY.remove(name);
    }

    static Traffic traffic(String name) {
        Traffic traffic = REGISTRY.get(name);
        if (traffic == null) {
            throw new IllegalStateException("no traffic " + name + " in this JVM");
        }
        return traffic;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SplitEnumerator<MemorySplit, Collection<MemorySplit>> createEnumerator(
            SplitEnumeratorContext<MemorySplit> context) {
        List<MemorySplit> splits = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            splits.add(new MemorySplit(name, p, 0));
        }
        return new IteratorSourceEnumerator<>(context, splits);
    }

    @Override
    public SplitEnumerator<MemorySplit, Collection<MemorySplit>> restoreEnumerator(
            SplitEnumeratorContext<MemorySplit> context, Collection<MemorySplit> checkpoint) {
        return new IteratorSourceEnumerator<>(context, checkpoint);
    }

    @Override
    public SourceReader<RawEvent, MemorySplit> createReader(SourceReaderContext context) {
        return new IteratorSourceReader<>(context);
    }

    @Override
    public SimpleVersionedSerializer<MemorySplit> getSplitSerializer() {
        return new MemorySplit.Serializer();
    }

    @Override
    public SimpleVersionedSerializer<Collection<MemorySplit>> getEnumeratorCheckpointSerializer() {
        return new SimpleVersionedSerializer<>() {
            private final MemorySplit.Serializer split = new MemorySplit.Serializer();

            @Override
            public int getVersion() {
                return 1;
            }

            @Override
            public byte[] serialize(Collection<MemorySplit> splits) throws IOException {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (DataOutputStream out = new DataOutputStream(bytes)) {
                    out.writeInt(splits.size());
                    for (MemorySplit s : splits) {
                        byte[] one = split.serialize(s);
                        out.writeInt(one.length);
                        out.write(one);
                    }
                }
                return bytes.toByteArray();
            }

            @Override
            public Collection<MemorySplit> deserialize(int version, byte[] serialized) throws IOException {
                try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                    List<MemorySplit> splits = new ArrayList<>();
                    for (int i = in.readInt(); i > 0; i--) {
                        byte[] one = new byte[in.readInt()];
                        in.readFully(one);
                        splits.add(split.deserialize(split.getVersion(), one));
                    }
                    return splits;
                }
            }
        };
    }
}
