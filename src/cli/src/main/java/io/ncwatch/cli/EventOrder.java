package io.ncwatch.cli;

import io.ncwatch.eql.runtime.ValueOrder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The events a hunt judges in Elasticsearch's order: by {@code @timestamp}, then by the tiebreaker
 * field's value (an event without one after those with one), then in input order. They wait in a
 * temporary file: when they were added in that order (a file sorted by time, the usual case) they are
 * replayed from it as written, in constant memory; otherwise they are sorted in memory, refused with a
 * clear message when their lines hold more than {@code maxSortBytes}.
 */
final class EventOrder implements Closeable {
    /** Where an event stands in Elasticsearch's order. */
    record Position(long timestamp, Object tiebreaker, long line) {}

    /** Takes the events back, in order; returns false to stop early. */
    interface Replay {
        boolean event(Position position, byte[] line) throws IOException;
    }

    /** The events were not in order and are too many to sort in memory. */
    static final class TooLargeToSortException extends IOException {
        TooLargeToSortException(String message) {
            super(message);
        }
    }

    static final Comparator<Position> ORDER = Comparator.comparingLong(Position::timestamp)
            .thenComparing(Position::tiebreaker, EventOrder::compareTiebreakers)
            .thenComparingLong(Position::line);

    private final Path file;
    private final DataOutputStream out;
    private final long maxSortBytes;
    private Position last;
    private boolean ordered = true;
    private long bytes;

    EventOrder(long maxSortBytes) throws IOException {
        this.file = Files.createTempFile("ncwatch-hunt-", ".events");
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        this.maxSortBytes = maxSortBytes;
    }

    void add(Position position, byte[] line, int offset, int length) throws IOException {
        if (last != null && ORDER.compare(last, position) > 0) {
            ordered = false;
        }
        last = position;
        bytes += length;
        out.writeLong(position.timestamp());
        writeTiebreaker(position.tiebreaker());
        out.writeLong(position.line());
        out.writeInt(length);
        out.write(line, offset, length);
    }

    void replay(Replay replay) throws IOException {
        out.close();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (ordered) {
                for (Entry entry = read(in); entry != null && replay.event(entry.position, entry.line); entry = read(in)) {
                    // each event is handed over as it is read
                }
                return;
            }
            if (bytes > maxSortBytes) {
                throw new TooLargeToSortException(String.format(Locale.ROOT, "the events are not in @timestamp order, and"
                        + " the %,d MB of those the query reads are more than --sort-memory %,d MB: sort the file by"
                        + " @timestamp first, or raise --sort-memory", bytes >> 20, maxSortBytes >> 20));
            }
            List<Entry> entries = new ArrayList<>();
            for (Entry entry = read(in); entry != null; entry = read(in)) {
                entries.add(entry);
            }
            entries.sort(Comparator.comparing(Entry::position, ORDER));
            for (Entry entry : entries) {
                if (!replay.event(entry.position, entry.line)) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
        Files.deleteIfExists(file);
    }

    private record Entry(Position position, byte[] line) {}

    private static Entry read(DataInputStream in) throws IOException {
        long timestamp;
        try {
            timestamp = in.readLong();
        } catch (EOFException end) {
            return null;
        }
        Object tiebreaker = readTiebreaker(in);
        long line = in.readLong();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new Entry(new Position(timestamp, tiebreaker, line), bytes);
    }

    private void writeTiebreaker(Object value) throws IOException {
        if (value == null) {
            out.writeByte(0);
        } else if (value instanceof Long l) {
            out.writeByte(1);
            out.writeLong(l);
        } else if (value instanceof Double d) {
            out.writeByte(2);
            out.writeDouble(d);
        } else if (value instanceof Boolean b) {
            out.writeByte(3);
            out.writeBoolean(b);
        } else {
            out.writeByte(4);
            out.writeUTF(value.toString());
        }
    }

    private static Object readTiebreaker(DataInputStream in) throws IOException {
        return switch (in.readByte()) {
            case 0 -> null;
            case 1 -> in.readLong();
            case 2 -> in.readDouble();
            case 3 -> in.readBoolean();
            default -> in.readUTF();
        };
    }

    /** An event without a tiebreaker after those with one, as Elasticsearch sorts them. */
    private static int compareTiebreakers(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return ValueOrder.compare(a, b);
    }
}
