package io.ncwatch.cli;

import io.ncwatch.connector.file.LineReader;
import io.ncwatch.decode.DecodeLimits;
import io.ncwatch.decode.DecodedEvent;
import io.ncwatch.decode.EcsDecoder;
import io.ncwatch.decode.MalformedEventException;
import io.ncwatch.decode.RawPrefilter;
import io.ncwatch.rules.CompiledRule;
import io.ncwatch.rules.RuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One pass of compiled rules over a stream of ECS JSON lines: writes each line that any rule matches,
 * unchanged, and counts what it saw. Memory stays constant: one line buffer, one decoded event at a time,
 * and at most {@value #MALFORMED_LISTED} malformed lines remembered.
 */
final class Hunt {
    private static final int MALFORMED_LISTED = 20;
    private static final int LINES_BETWEEN_CLOCK_READS = 1024;

    private final RuleSet rules;
    private final EcsDecoder decoder;
    private final RawPrefilter prefilter;
    private final int maxLineBytes;
    private final PrintStream progress;
    private final long progressEveryNanos;

    private long events;
    private long ruledOut;
    private long matched;
    /** Rule id to the events it matched. */
    private final Map<String, Long> matchedByRule = new HashMap<>();
    private long malformed;
    private final List<String> malformedListed = new ArrayList<>();
    private long bytesRead;
    private long started;

    /**
     * @param decodeAll decode every line; otherwise a line whose raw bytes hold none of the texts every
     *     match contains is counted but not decoded
     * @param progress where a progress line goes every {@code progressEvery}
     */
    Hunt(RuleSet rules, DecodeLimits limits, boolean decodeAll, PrintStream progress, Duration progressEvery) {
        this.rules = rules;
        this.decoder = new EcsDecoder(rules.slots(), rules.nullValues(), limits);
        this.prefilter = decodeAll ? null : new RawPrefilter(rules.requiredText());
        this.maxLineBytes = limits.maxEventBytes();
        this.progress = progress;
        this.progressEveryNanos = progressEvery.toNanos();
    }

    void run(InputStream in, OutputStream out) throws IOException {
        LineReader lines = new LineReader(in, maxLineBytes);
        started = System.nanoTime();
        long lastProgress = started;
        while (lines.next()) {
            byte[] bytes = lines.bytes();
            int offset = lines.offset();
            int length = lines.length();
            if (lines.tooLong()) {
                events++;
                malformed(lines.lineNumber(), MalformedEventException.Reason.TOO_LARGE + ": the line is "
                        + lines.skippedLength() + " bytes, over the limit of " + maxLineBytes + " bytes");
            } else if (!lines.blank()) {
                events++;
                if (prefilter == null || prefilter.mayMatch(bytes, offset, length)) {
                    judge(lines.lineNumber(), bytes, offset, length, out);
                } else {
                    ruledOut++;
                }
            }
            bytesRead = lines.bytesRead();
            if (lines.lineNumber() % LINES_BETWEEN_CLOCK_READS == 0) {
                long now = System.nanoTime();
                if (now - lastProgress >= progressEveryNanos) {
                    flush(out); // matches found so far reach a reader of a long run
                    progress.println("ncwatch hunt: " + counts(now));
                    lastProgress = now;
                }
            }
        }
        flush(out);
    }

    private void judge(long lineNumber, byte[] bytes, int offset, int length, OutputStream out) throws IOException {
        DecodedEvent event;
        try {
            event = decoder.decode(bytes, offset, length);
        } catch (MalformedEventException e) {
            malformed(lineNumber, e.getMessage());
            return;
        }
        String[] matching = rules.matching(event);
        for (String ruleId : matching) {
            matchedByRule.merge(ruleId, 1L, Long::sum);
        }
        if (matching.length > 0) {
            matched++;
            try {
                out.write(bytes, offset, length);
                out.write('\n');
            } catch (IOException e) {
                throw new OutputClosedException(e);
            }
        }
    }

    private static void flush(OutputStream out) throws OutputClosedException {
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
        if (rules.compiled().size() > 1) {
            for (CompiledRule rule : rules.compiled()) {
                long count = matchedByRule.getOrDefault(rule.rule().ruleId(), 0L);
                if (count > 0) {
                    lines.add(String.format(Locale.ROOT, "  %,d matched by \"%s\"", count, rule.rule().name()));
                }
            }
        }
        return lines;
    }

    private String counts(long now) {
        double seconds = (now - started) / 1e9;
        double megabytes = bytesRead / 1e6;
        return String.format(Locale.ROOT, "%,d events read (%.2f MB in %.2f s, %.1f MB/s), %,d matched, %,d malformed",
                events, megabytes, seconds, seconds > 0 ? megabytes / seconds : 0.0, matched, malformed);
    }
}
