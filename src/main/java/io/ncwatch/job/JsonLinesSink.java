package io.ncwatch.job;

import io.ncwatch.alert.Alert;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Alerts as JSON lines on stdout or appended to a file, for local runs: written at least once, so a
 * restart may repeat lines (the Elasticsearch and Kafka sinks are the exactly-once outputs). Run it
 * with parallelism 1 to keep lines whole and in one file.
 */
public class JsonLinesSink implements Sink<Alert> {
    private final String file;

    /** @param file the file to append to; null for stdout */
    public JsonLinesSink(String file) {
        this.file = file;
    }

    @Override
    public SinkWriter<Alert> createWriter(WriterInitContext context) throws IOException {
        OutputStream out = file == null ? System.out : new BufferedOutputStream(new FileOutputStream(file, true));
        return new SinkWriter<>() {
            @Override
            public void write(Alert alert, Context context) throws IOException {
                out.write(alert.json);
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
