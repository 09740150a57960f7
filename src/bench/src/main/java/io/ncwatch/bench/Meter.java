package io.ncwatch.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Measures a job while it runs: every 100 ms it samples the wall clock, this JVM's CPU time (the
 * MiniCluster's task threads, the network stack, garbage collection and JIT included), how many events
 * the sources have handed over ({@link Probe#EVENTS}) and the machine's load average. The measured window
 * runs from the last sample before the first event to the first sample that has seen them all, so job
 * startup and the final checkpoint after the input ends stay out of it.
 */
final class Meter {
    private static final long PERIOD_MILLIS = 100;
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private record Sample(long nanos, long cpuNanos, long events, double load) {}

    /**
     * What one run did in its window.
     *
     * @param cpuSeconds CPU time of this JVM in the window, all threads
     * @param load the mean one-minute load average of the machine during the window
     * @param alerts the alerts the run raised, when counted
     */
    record Result(long events, double seconds, double cpuSeconds, double load, long alerts) {
        /** The same, with the alerts the run raised. */
        Result withAlerts(long count) {
            return new Result(events, seconds, cpuSeconds, load, count);
        }

        double eventsPerSecond() {
            return events / seconds;
        }

        /** Events per second of CPU time: what one core does when it is given wholly to the job. */
        double eventsPerCoreSecond() {
            return events / cpuSeconds;
        }
    }

    private Meter() {}

    /** Runs {@code job} (which returns when its input is consumed) while sampling; {@code expected} events end the window. */
    static Result measure(long expected, Callable<?> job) throws Exception {
        Probe.reset();
        List<Sample> samples = new ArrayList<>();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                Sample sample = sample();
                synchronized (samples) {
                    samples.add(sample);
                }
                try {
                    Thread.sleep(PERIOD_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-meter");
        sampler.setDaemon(true);
        sampler.start();
        try {
            job.call();
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        samples.add(sample());
        return window(samples, expected);
    }

    private static Sample sample() {
        return new Sample(System.nanoTime(), OS.getProcessCpuTime(), Probe.EVENTS.sum(), OS.getSystemLoadAverage());
    }

    private static Result window(List<Sample> samples, long expected) {
        int first = 0;
        while (first + 1 < samples.size() && samples.get(first + 1).events == 0) {
            first++;
        }
        int last = first;
        while (last + 1 < samples.size() && samples.get(last).events < expected) {
            last++;
        }
        Sample start = samples.get(first);
        Sample end = samples.get(last);
        if (end.events < expected) {
            throw new IllegalStateException("the job handed over " + end.events + " of " + expected + " events");
        }
        double load = samples.subList(first, last + 1).stream().mapToDouble(Sample::load).average().orElse(0);
        return new Result(end.events - start.events, (end.nanos - start.nanos) / 1e9,
                (end.cpuNanos - start.cpuNanos) / 1e9, load, 0);
    }
}
