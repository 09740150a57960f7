package io.ncwatch.connector.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void splitsOnNewlinesAndDropsTheLineEndings() throws IOException {
        assertThat(lines("a\nbb\r\n\nccc", 100, 1 << 16)).containsExactly("1:a", "2:bb", "3:", "4:ccc");
    }

    @Test
    void readsLinesThatArriveInSmallPieces() throws IOException {
        String text = "{\"a\":1}\n{\"b\":22}\r\n{\"c\":333}\n";
        assertThat(lines(text, 100, 3)).containsExactly("1:{\"a\":1}", "2:{\"b\":22}", "3:{\"c\":333}");
    }

    @Test
    void keepsALineOfExactlyTheLimitAndSkipsOneByteMore() throws IOException {
        String atLimit = "x".repeat(10);
        String overLimit = "y".repeat(11);
        assertThat(lines(atLimit + "\r\n" + overLimit + "\nz\n", 10, 4))
                .containsExactly("1:" + atLimit, "2:too long, 11 bytes", "3:z");
    }

    @Test
    void skipsAnOverlongLineMuchLargerThanItsBufferAndGoesOn() throws IOException {
        String huge = "{\"junk\":\"" + "j".repeat(5_000_000) + "\"}";
        List<String> lines = lines("{\"first\":1}\n" + huge + "\n{\"after\":2}", 1000, 8192);
        assertThat(lines).containsExactly("1:{\"first\":1}", "2:too long, " + huge.length() + " bytes", "3:{\"after\":2}");
    }

    @Test
    void anOverlongLastLineWithoutNewlineIsReported() throws IOException {
        assertThat(lines("ok\n" + "q".repeat(50), 10, 1 << 16)).containsExactly("1:ok", "2:too long, 50 bytes");
    }

    @Test
    void countsEveryByteItConsumes() throws IOException {
        LineReader reader = new LineReader(new ByteArrayInputStream("ab\r\ncd\nef".getBytes(StandardCharsets.UTF_8)), 100);
        while (reader.next()) {
            // read to the end
        }
        assertThat(reader.bytesRead()).isEqualTo(9);
        assertThat(reader.lineNumber()).isEqualTo(3);
    }

    private static List<String> lines(String text, int maxLineBytes, int chunk) throws IOException {
        LineReader reader = new LineReader(new Trickle(text.getBytes(StandardCharsets.UTF_8), chunk), maxLineBytes);
        List<String> lines = new ArrayList<>();
        while (reader.next()) {
            lines.add(reader.lineNumber() + ":" + (reader.tooLong()
                    ? "too long, " + reader.skippedLength() + " bytes"
                    : new String(reader.bytes(), reader.offset(), reader.length(), StandardCharsets.UTF_8)));
        }
        return lines;
    }

    /** Hands out at most {@code chunk} bytes per read, as a pipe does. */
    private static final class Trickle extends FilterInputStream {
        private final int chunk;

        Trickle(byte[] bytes, int chunk) {
            super(new ByteArrayInputStream(bytes));
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, chunk));
        }
    }

}
