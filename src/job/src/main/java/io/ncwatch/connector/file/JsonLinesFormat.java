package io.ncwatch.connector.file;

import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a JSON-lines file, one record a line, each made by {@code records} from the line's bytes and the
 * byte offset in the file where the line starts. Blank lines are skipped; a line longer than
 * {@code maxLineBytes} stops the read with an error that names it.
 *
 * <p>Splittable: a split {@code [start, end)} reads the lines that start in it, the last one to its end
 * even past {@code end}; a split that starts inside a line leaves that line to the split where it starts.
 * The checkpointed position is the start of the next line, so a restored reader resumes exactly there.
 */
public class JsonLinesFormat<T> implements StreamFormat<T> {
    /** Makes a record of a line. */
    @FunctionalInterface
    public interface LineConverter<T> extends Serializable {
        T convert(byte[] line, long fileOffset);
    }

    private final LineConverter<T> records;
    private final TypeInformation<T> type;
    private final int maxLineBytes;

    public JsonLinesFormat(LineConverter<T> records, TypeInformation<T> type, int maxLineBytes) {
        this.records = records;
        this.type = type;
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public Reader<T> createReader(Configuration config, FSDataInputStream stream, long fileLength, long splitEnd)
            throws IOException {
        long splitStart = stream.getPos();
        if (splitStart == 0) {
            return new LinesReader(stream, 0, splitEnd);
        }
        // A line starts in this split when the byte before it is a newline: read from that byte and drop
        // what comes before the first newline (the end of a line that started in an earlier split).
        stream.seek(splitStart - 1);
        LinesReader reader = new LinesReader(stream, splitStart - 1, splitEnd);
        reader.lines.next();
        return reader;
    }

    @Override
    public Reader<T> restoreReader(Configuration config, FSDataInputStream stream, long restoredOffset,
            long fileLength, long splitEnd) throws IOException {
        // The stream comes at the split's start; a checkpointed position is always the start of a line.
        stream.seek(restoredOffset);
        return new LinesReader(stream, restoredOffset, splitEnd);
    }

    @Override
    public boolean isSplittable() {
        return true;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }

    private final class LinesReader implements Reader<T> {
        private final FSDataInputStream stream;
        private final LineReader lines;
        /** The file offset where {@code lines} began reading. */
        private final long base;
        private final long splitEnd;

        LinesReader(FSDataInputStream stream, long base, long splitEnd) {
            this.stream = stream;
            this.lines = new LineReader(stream, maxLineBytes);
            this.base = base;
            this.splitEnd = splitEnd;
        }

        @Override
        public T read() throws IOException {
            while (nextLineStart() < splitEnd) {
                long lineStart = nextLineStart();
                if (!lines.next()) {
                    return null;
                }
                if (lines.tooLong()) {
                    throw new IOException("the line at byte " + lineStart + " is " + lines.skippedLength()
                            + " bytes, over the limit of " + maxLineBytes + " bytes");
                }
                if (!lines.blank()) {
                    // The record's own copy: the reader's buffer is reused for the next lines.
                    byte[] line = Arrays.copyOfRange(lines.bytes(), lines.offset(), lines.offset() + lines.length());
                    return records.convert(line, lineStart);
                }
            }
            return null;
        }

        @Override
        public CheckpointedPosition getCheckpointedPosition() {
            return new CheckpointedPosition(nextLineStart(), 0);
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }

        private long nextLineStart() {
            return base + lines.bytesRead();
        }
    }
}
