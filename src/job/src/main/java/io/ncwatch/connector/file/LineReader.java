package io.ncwatch.connector.file;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ({@code \n} or {@code \r\n}) in one fixed buffer, without decoding.
 * A line longer than the limit is skipped as it streams by, never held whole: memory stays constant
 * whatever the input. Both the file source and {@code ncwatch hunt} read JSON lines with it: in bulk reads,
 * the line's bytes handed on in place.
 */
public final class LineReader {
    /**
     * The most bytes one read asks for: large enough that reads cost little per line, small enough that a
     * reader of a file split reads little past its split's end.
     */
    private static final int READ_BYTES = 1 << 20;

    private final InputStream in;
    private final int maxLineBytes;
    private byte[] buffer;
    private int start;
    private int end;
    private boolean eof;

    private int lineStart;
    private int lineLength;
    private long skippedLength;
    private long lineNumber;
    private long bytesRead;

    public LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        // grows up to room for a longest line with its \r\n when a line needs it
        this.buffer = new byte[1 << 16];
    }

    /** Moves to the next line; false at the end of the stream. */
    public boolean next() throws IOException {
        int scanned = 0; // bytes after start known to hold no newline
        while (true) {
            int newline = indexOfNewline(start + scanned);
            if (newline >= 0) {
                emit(newline, newline + 1);
                return true;
            }
            scanned = end - start;
            if (scanned > maxLineBytes + 1) {
                skipLongLine();
                return true;
            }
            if (eof) {
                if (scanned == 0) {
                    return false;
                }
                emit(end, end);
                return true;
            }
            fill();
        }
    }

    /** The line's bytes are {@code bytes()[offset(), offset() + length())}, without the line ending. */
    public byte[] bytes() {
        return buffer;
    }

    public int offset() {
        return lineStart;
    }

    public int length() {
        return lineLength;
    }

    /** True when the line was longer than the limit; its bytes are then not available. */
    public boolean tooLong() {
        return skippedLength > 0;
    }

    /** The length in bytes, up to its newline, of a line that was too long. */
    public long skippedLength() {
        return skippedLength;
    }

    /** 1 for the first line. */
    public long lineNumber() {
        return lineNumber;
    }

    /** Bytes consumed so far, line endings included. */
    public long bytesRead() {
        return bytesRead;
    }

    private void emit(int contentEnd, int next) {
        int length = contentEnd - start;
        boolean crlf = length > 0 && buffer[contentEnd - 1] == '\r';
        lineStart = start;
        lineLength = crlf ? length - 1 : length;
        skippedLength = lineLength > maxLineBytes ? length : 0;
        lineNumber++;
        bytesRead += next - start;
        start = next;
    }

    /** Consumes the rest of an overlong line, reading past it in buffer-sized steps. */
    private void skipLongLine() throws IOException {
        long length = 0;
        while (true) {
            int newline = indexOfNewline(start);
            if (newline >= 0) {
                length += newline - start;
                bytesRead += newline + 1 - start;
                start = newline + 1;
                break;
            }
            length += end - start;
            bytesRead += end - start;
            start = end;
            if (eof) {
                break;
            }
            fill();
        }
        lineStart = start;
        lineLength = 0;
        skippedLength = length;
        lineNumber++;
    }

    /** True when the line holds nothing but spaces, tabs and carriage returns. */
    public boolean blank() {
        for (int i = lineStart; i < lineStart + lineLength; i++) {
            byte b = buffer[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private int indexOfNewline(int from) {
        for (int i = from; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Moves the unread bytes to the front, or grows a full buffer, and reads more after them; sets eof at
     * the end. A full buffer holds less than a longest line (else {@link #next} skips the line).
     */
    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        } else if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(2L * buffer.length, maxLineBytes + 2L));
        }
        int n = in.read(buffer, end, Math.min(buffer.length - end, READ_BYTES));
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }
}
