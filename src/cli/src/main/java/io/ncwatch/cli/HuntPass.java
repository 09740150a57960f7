package io.ncwatch.cli;

import io.ncwatch.connector.file.LineReader;
import io.ncwatch.decode.DecodeLimits;
import io.ncwatch.decode.DecodedEvent;
import io.ncwatch.decode.EcsDecoder;
import io.ncwatch.decode.MalformedEventException;
import io.ncwatch.decode.RawPrefilter;
import io.ncwatch.eql.analysis.FieldSlots;
import io.ncwatch.eql.runtime.Needle;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * One pass over a stream of ECS JSON lines for {@code hunt}: skips what the raw bytes rule out, decodes
 * the rest, hands each event to a {@link Judge}, counts what it saw and shows progress. Memory stays
 * constant: one line buffer, one decoded event at a time, and at most {@value #MALFORMED_LISTED}
 * malformed lines remembered.
 */
final class HuntPass {
    private static final int MALFORMED_LISTED = 20;
    private static final int LINES_BETWEEN_CLOCK_READS = 1024;

    /** What a hunt does with each decoded event. */
    interface Judge {
        /** {@code bytes[offset, offset + length)} is the event's line, as read. */
        void judge(long lineNumber, DecodedEvent event, byte[] bytes, int offset, int length) throws IOException;
    }

    private final EcsDecoder decoder;
    private final RawPrefilter prefilter;
    private final int maxLineBytes;
    private final PrintStream progress;
    private final long progressEveryNanos;
    private final Supplier<String> results;

    private long events;
    private long ruledOut;
    private long malformed;
    private final List<String> malformedListed = new ArrayList<>();
    private long bytesRead;
    private long started;

    /**
     * @param requiredText texts every event that matters contains one of; empty when unknown
     * @param decodeAll decode every line; otherwise a line whose raw bytes hold none of the required
     *     texts is counted but not decoded
     * @param progress where a progress line goes every {@code progressEvery}
     * @param results what the hunt has found so far, for the progress and summary lines ("4 matched")
     */
    HuntPass(FieldSlots slots, List<Needle> requiredText, DecodeLimits limits, boolean decodeAll, PrintStream progress,
            Duration progressEvery, Supplier<String> results) {
        this.decoder = new EcsDecoder(slots, limits);
        this.prefilter = decodeAll ? null : new RawPrefilter(requiredText);
        this.maxLineBytes = limits.maxEventBytes();
        this.progress = progress;
        this.progressEveryNanos = progressEvery.toNanos();
        this.results = results;
    }

    /** Reads {@code in} to its end; {@code out} is flushed with each progress line, so a reader sees matches early. */
    void run(InputStream in, Judge judge, OutputStream out) throws IOException {
        LineReader lines = new LineReader(in, maxLineBytes);
        started = System.nanoTime();
        long lastProgress = started;
        while (lines.next()) {
            if (lines.tooLong()) {
                events++;
                malformed(lines.lineNumber(), MalformedEventException.Reason.TOO_LARGE + ": the line is "
                        + lines.skippedLength() + " bytes, over the limit of " + maxLineBytes + " bytes");
            } else if (!lines.blank()) {
                events++;
                if (prefilter == null || prefilter.mayMatch(lines.bytes(), lines.offset(), lines.length())) {
                    decodeAndJudge(lines, judge);
                } else {
                    ruledOut++;
                }
            }
            bytesRead = lines.bytesRead();
            if (lines.lineNumber() % LINES_BETWEEN_CLOCK_READS == 0) {
                long now = System.nanoTime();
                if (now - lastProgress >= progressEveryNanos) {
                    flush(out);
                    progress.println("ncwatch hunt: " + counts(now));
                    lastProgress = now;
                }
            }
        }
        flush(out);
    }

    private void decodeAndJudge(LineReader lines, Judge judge) throws IOException {
        DecodedEvent event;
        try {
            event = decoder.decode(lines.bytes(), lines.offset(), lines.length());
        } catch (MalformedEventException e) {
            malformed(lines.lineNumber(), e.getMessage());
            return;
        }
        judge.judge(lines.lineNumber(), event, lines.bytes(), lines.offset(), lines.length());
    }

    /** Decodes a line read before, for a hunt that judges its events again in another order. */
    DecodedEvent decode(byte[] line) throws MalformedEventException {
        return decoder.decode(line, 0, line.length);
    }

    static void flush(OutputStream out) throws OutputClosedException {
        try {
            out.flush();
        } catch (IOException e) {
            throw new OutputClosedException(e);
        }
    }

    /** The matches could not be written: whoever read them has gone (a closed pipe), so the hunt stops. */
    static final class OutputClosedException extends IOException {
        OutputClosedException(IOException cause) {
            super(cause);
        }
    }

    private void malformed(long lineNumber, String reason) {
        malformed++;
        if (malformedListed.size() < MALFORMED_LISTED) {
            malformedListed.add("line " + lineNumber + ": " + reason);
        }
    }

    /** The summary for stderr, one line per entry. */
    List<String> summary() {
        List<String> lines = new ArrayList<>();
        lines.add("ncwatch hunt: " + counts(System.nanoTime()));
        malformedListed.forEach(line -> lines.add("  malformed " + line));
        if (malformed > malformedListed.size()) {
            lines.add("  ... and " + (malformed - malformedListed.size()) + " more malformed lines");
        }
        if (ruledOut > 0) {
            lines.add(String.format(Locale.ROOT, "  %,d events not decoded: their raw bytes rule out a match"
                    + " (--decode-all checks them for malformed JSON too)", ruledOut));
        }
        return lines;
    }

    private String counts(long now) {
        double seconds = (now - started) / 1e9;
        double megabytes = bytesRead / 1e6;
        return String.format(Locale.ROOT, "%,d events read (%.2f MB in %.2f s, %.1f MB/s), %s, %,d malformed",
                events, megabytes, seconds, seconds > 0 ? megabytes / seconds : 0.0, results.get(), malformed);
    }
}
