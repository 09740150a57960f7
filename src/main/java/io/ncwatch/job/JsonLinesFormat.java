package io.ncwatch.job;

import io.ncwatch.source.kafka.RawEvent;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a JSON-lines file as the job's input records, as if it were a Kafka topic of one partition:
 * topic = the file's name, partition 0, offset = the line number (from 1). Blank lines are skipped.
 * Not splittable; on restore the reader re-reads and skips the lines already emitted, so line numbers
 * stay right.
 */
public class JsonLinesFormat extends SimpleStreamFormat<RawEvent> {
    private final String topic;

    public JsonLinesFormat(String topic) {
        this.topic = topic;
    }

    @Override
    public Reader<RawEvent> createReader(Configuration config, FSDataInputStream stream) {
        InputStream in = new BufferedInputStream(stream);
        return new Reader<>() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();
            private long lineNumber;

            @Override
            public RawEvent read() throws IOException {
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
                        return new RawEvent(Arrays.copyOf(bytes, length), topic, 0, lineNumber);
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
    public TypeInformation<RawEvent> getProducedType() {
        return TypeInformation.of(RawEvent.class);
    }
}
