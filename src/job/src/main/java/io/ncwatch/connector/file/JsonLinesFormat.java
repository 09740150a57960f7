package io.ncwatch.connector.file;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a JSON-lines file, one record a line, each made by {@code records} from the line's bytes and its
 * number (from 1). Blank lines are skipped. Not splittable; on restore the reader re-reads and skips the
 * lines already emitted, so line numbers stay right.
 */
public class JsonLinesFormat<T> extends SimpleStreamFormat<T> {
    /** Makes a record of a line. */
    @FunctionalInterface
    public interface LineConverter<T> extends Serializable {
        T convert(byte[] line, long lineNumber);
    }

    private final LineConverter<T> records;
    private final TypeInformation<T> type;

    public JsonLinesFormat(LineConverter<T> records, TypeInformation<T> type) {
        this.records = records;
        this.type = type;
    }

    @Override
    public Reader<T> createReader(Configuration config, FSDataInputStream stream) {
        InputStream in = new BufferedInputStream(stream);
        return new Reader<>() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();
            private long lineNumber;

            @Override
            public T read() throws IOException {
                while (true) {
                    line.reset();
                    int b = in.read();
                    if (b < 0) {
                        return null;
                    }
                    for (; b >= 0 && b != '\n'; b = in.read()) {
                        line.write(b);
                    }
                    lineNumber++;
                    byte[] bytes = line.toByteArray();
                    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    if (!isBlank(bytes, length)) {
                        return records.convert(Arrays.copyOf(bytes, length), lineNumber);
                    }
                }
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    private static boolean isBlank(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }
}
