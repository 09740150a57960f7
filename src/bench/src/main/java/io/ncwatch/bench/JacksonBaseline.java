package io.ncwatch.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The physical anchor of the throughput rows: Jackson reading every token of the same bytes on one
 * thread, as events per second of that thread's CPU time (so that other work on a shared machine does
 * not count against it). Two warm-up passes, then the best of three.
 */
final class JacksonBaseline {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private JacksonBaseline() {}

    /** Events per CPU second. */
    static double eventsPerCoreSecond(Traffic traffic) {
        JsonFactory jackson = new JsonFactory();
        double best = 0;
        for (int round = 0; round < 5; round++) {
            long start = THREADS.getCurrentThreadCpuTime();
            long events = 0;
            long tokens = 0;
            for (byte[] event : traffic.all()) {
                tokens += tokenize(jackson, event);
                events++;
            }
            double seconds = (THREADS.getCurrentThreadCpuTime() - start) / 1e9;
            if (round >= 2 && tokens > 0) {
                best = Math.max(best, events / seconds);
            }
        }
        return best;
    }

    /** Reads every token of {@code event}; a sum of the token ids, which the caller must use. */
    static long tokenize(JsonFactory jackson, byte[] event) {
        long tokens = 0;
        try (JsonParser parser = jackson.createParser(event, 0, event.length)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                tokens += token.id();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }
}
