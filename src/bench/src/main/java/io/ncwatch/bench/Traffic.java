package io.ncwatch.bench;

import io.ncwatch.generate.EventKind;
import io.ncwatch.generate.FleetGenerator;
import io.ncwatch.generate.FleetOptions;
import io.ncwatch.generate.GenerationResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fleet traffic from {@link FleetGenerator}, generated before a measurement and held in memory as Kafka
 * would hold it: split into partitions by {@code container.id}, each in delivery order. Process and
 * network events share the partitions (one in-memory topic).
 *
 * @param partitions the events of each partition, in order
 * @param events all events
 * @param bytes their total size
 * @param truth what the generator says the job must raise
 */
record Traffic(byte[][][] partitions, long events, long bytes, int containers, GenerationResult truth) {

    /** One in 1,000 events belongs to an attack, as the benchmark issue asks. */
    static final double ATTACK_RATE = 0.001;

    /** {@code events} events of a fleet of {@code containers}, seeded, over {@code partitions} partitions. */
    static Traffic generate(int containers, long events, int partitionCount) {
        List<List<byte[]>> split = new ArrayList<>();
        for (int p = 0; p < partitionCount; p++) {
            split.add(new ArrayList<>());
        }
        long[] bytes = {0};
        GenerationResult result;
        try {
            result = new FleetGenerator(options(containers, events)).generate((EventKind kind, String containerId, byte[] json) -> {
                split.get(partitionOf(containerId, partitionCount)).add(json);
                bytes[0] += json.length;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[][][] partitions = new byte[partitionCount][][];
        for (int p = 0; p < partitionCount; p++) {
            partitions[p] = split.get(p).toArray(byte[][]::new);
        }
        return new Traffic(partitions, result.events(), bytes[0], containers, result);
    }

    /**
     * The same events as one JSON-lines file, in the order the generator makes them (time order, as a
     * user's export would be), for the rows that read a file.
     */
    void write(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            new FleetGenerator(options(containers, events)).generate((kind, containerId, json) -> {
                out.write(json);
                out.write('\n');
            });
        }
    }

    private static FleetOptions options(int containers, long events) {
        return FleetOptions.builder().seed(42).containers(containers).events(events).attackRate(ATTACK_RATE).build();
    }

    /** Which partition a container's events go to (not Kafka's murmur2, but as even and as stable). */
    static int partitionOf(String containerId, int partitionCount) {
        return Math.floorMod(containerId.hashCode(), partitionCount);
    }

    double averageBytes() {
        return (double) bytes / events;
    }

    /** Every event, partition by partition. */
    Iterable<byte[]> all() {
        List<byte[]> all = new ArrayList<>();
        for (byte[][] partition : partitions) {
            all.addAll(List.of(partition));
        }
        return all;
    }

    long processEvents() {
        return truth.processEvents();
    }

    long networkEvents() {
        return truth.networkEvents();
    }

    long maliciousEvents() {
        return truth.maliciousEvents();
    }

    /** Alerts the job must raise. */
    int expectedAlerts() {
        return truth.truth().size();
    }
}
