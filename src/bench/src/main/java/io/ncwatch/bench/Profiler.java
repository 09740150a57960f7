package io.ncwatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU time of a run goes: a Flight Recorder recording ({@code profile} settings: a stack sample
 * of each running Java thread every 10 ms, {@code jdk.ExecutionSample}) summarised as the methods on top
 * of the stack (self time) and, for each sample, the innermost ncwatch or Flink operator frame (which
 * stage the time is spent for). The recording stays in {@code target/bench} for {@code jfr print}.
 */
final class Profiler {
    /** A frame and its share of all samples. */
    record Share(String frame, double percent) {}

    record Profile(long samples, List<Share> self, List<Share> stages, Path recording) {}

    private Profiler() {}

    static <T> Profile record(String name, Callable<T> run) throws Exception {
        Path file = BenchJob.WORK.resolve(name + ".jfr");
        Files.createDirectories(file.getParent());
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.start();
            run.call();
            recording.stop();
            recording.dump(file);
        }
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> stages = new HashMap<>();
        long samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            self.merge(name(frames.get(0)), 1, Integer::sum);
            stages.merge(stage(frames), 1, Integer::sum);
        }
        return new Profile(samples, top(self, samples, 15), top(stages, samples, 12), file);
    }

    /** The innermost frame that says which part of the job the time is for. */
    private static String stage(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("io.ncwatch.") && !type.startsWith("io.ncwatch.bench.Probe")) {
                return name(frame);
            }
        }
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("org.apache.flink.") || type.startsWith("org.apache.kafka.")
                    || type.startsWith("co.elastic.")) {
                return type.substring(0, type.lastIndexOf('.')) + ".*";
            }
        }
        return "other (JVM, JIT, GC, ...)";
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static List<Share> top(Map<String, Integer> counts, long samples, int limit) {
        List<Share> shares = new ArrayList<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(limit)
                .forEach(e -> shares.add(new Share(e.getKey(), 100.0 * e.getValue() / samples)));
        return shares;
    }
}
