package io.ncwatch.connector.file;

import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a JSON-lines file, one record a line, each made by {@code records} from the line's bytes and its
 * number (from 1). Blank lines are skipped; a line longer than {@code maxLineBytes} stops the read with an
 * error that names it. Not splittable; on restore the reader re-reads and skips the lines already
 * emitted, so line numbers stay right.
 */
public class JsonLinesFormat<T> extends SimpleStreamFormat<T> {
    /** Makes a record of a line. */
    @FunctionalInterface
    public interface LineConverter<T> extends Serializable {
        T convert(byte[] line, long lineNumber);
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
    public Reader<T> createReader(Configuration config, FSDataInputStream stream) {
        LineReader lines = new LineReader(stream, maxLineBytes);
        return new Reader<>() {
            @Override
            public T read() throws IOException {
                while (lines.next()) {
                    if (lines.tooLong()) {
                        throw new IOException("line " + lines.lineNumber() + " is " + lines.skippedLength()
                                + " bytes, over the limit of " + maxLineBytes + " bytes");
                    }
                    if (!lines.blank()) {
                        byte[] line = Arrays.copyOfRange(lines.bytes(), lines.offset(), lines.offset() + lines.length());
                        return records.convert(line, lines.lineNumber());
                    }
                }
                return null;
            }

            @Override
            public void close() throws IOException {
                stream.close();
            }
        };
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }
}
