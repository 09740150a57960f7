package io.ncwatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link DecodeBenchmark}'s three steps by the thread's CPU time instead of the wall clock, which a shared
 * and loaded machine distorts: after a warm-up, rounds of one pass of each step in turn (so a drift of the
 * machine touches all alike), then per step the median, lowest and highest events per CPU-second over
 * the rounds, and the ratios of the medians. Run from the project's root: {@code java -cp ...
 * io.ncwatch.bench.DecodeCpu [ROUNDS]} (the class path of {@code bin/jmh}).
 */
public final class DecodeCpu {
    private DecodeCpu() {}

    @FunctionalInterface
    private interface Step {
        long run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        DecodeBenchmark benchmark = new DecodeBenchmark();
        benchmark.setUp();
        Map<String, Step> steps = new LinkedHashMap<>();
        steps.put("decodeAll", benchmark::decodeAll);
        steps.put("decodeLess", benchmark::decodeLess);
        steps.put("jacksonTokenizing", benchmark::jacksonTokenizing);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        steps.keySet().forEach(name -> rates.put(name, new ArrayList<>()));
        long sink = 0;
        for (int round = -5; round < rounds; round++) { // five rounds of warm-up
            for (Map.Entry<String, Step> step : steps.entrySet()) {
                long start = threads.getCurrentThreadCpuTime();
                sink += step.getValue().run();
                long nanos = threads.getCurrentThreadCpuTime() - start;
                if (round >= 0) {
                    rates.get(step.getKey()).add(DecodeBenchmark.EVENTS * 1e9 / nanos);
                }
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> step : rates.entrySet()) {
            double[] sorted = step.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            medians.put(step.getKey(), sorted[sorted.length / 2]);
            System.out.printf("%-18s median %,10.0f events per CPU-second (lowest %,.0f, highest %,.0f, %d rounds)%n",
                    step.getKey(), sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sorted.length);
        }
        System.out.printf("decodeLess / decodeAll %.2f, decodeLess / jacksonTokenizing %.2f, decodeAll / jacksonTokenizing %.2f%n",
                medians.get("decodeLess") / medians.get("decodeAll"),
                medians.get("decodeLess") / medians.get("jacksonTokenizing"),
                medians.get("decodeAll") / medians.get("jacksonTokenizing"));
        // printed so that the JIT cannot drop the steps' work
        System.out.println("checksum " + sink);
    }
}
