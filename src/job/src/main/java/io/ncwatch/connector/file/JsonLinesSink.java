package io.ncwatch.connector.file;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Records as JSON lines on stdout or appended to a file, for local runs: written at least once, so a
 * restart may repeat lines. Run it with parallelism 1 to keep lines whole and in one file.
 */
public class JsonLinesSink<T> implements Sink<T> {
    private final String file;
    private final SerializableFunction<T, byte[]> json;

    /**
     * @param file the file to append to; null for stdout
     * @param json a record's JSON, on one line
     */
    public JsonLinesSink(String file, SerializableFunction<T, byte[]> json) {
        this.file = file;
        this.json = json;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        OutputStream out = file == null ? System.out : new BufferedOutputStream(new FileOutputStream(file, true));
        return new SinkWriter<>() {
            @Override
            public void write(T record, Context context) throws IOException {
                out.write(json.apply(record));
                out.write('\n');
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.flush();
                if (file != null) {
                    out.close();
                }
            }
        };
    }
}
