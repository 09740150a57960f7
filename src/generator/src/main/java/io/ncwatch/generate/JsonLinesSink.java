package io.ncwatch.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Writes each event as one line of JSON, all kinds interleaved in delivery order. */
public final class JsonLinesSink implements EventSink, AutoCloseable {
    private final OutputStream out;

    /** Writes to {@code out} through a buffer; {@link #close()} flushes and closes it. */
    public JsonLinesSink(OutputStream out) {
        this.out = new BufferedOutputStream(out, 1 << 16);
    }

    @Override
    public void accept(EventKind kind, String key, byte[] json) throws IOException {
        out.write(json);
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
