package io.ncwatch.reliability;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of one fault test, printed as one line that starts with {@code RELIABILITY} (docs/reliability.md
 * is filled from these lines: {@code grep -h RELIABILITY target/failsafe-reports/*-output.txt}).
 */
final class Figures {
    private final String test;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final long started = System.nanoTime();

    Figures(String test) {
        this.test = test;
    }

    Figures put(String name, Object value) {
        values.put(name, value);
        return this;
    }

    void print() {
        put("seconds", (System.nanoTime() - started) / 1_000_000_000L);
        System.out.println("RELIABILITY " + test + ": " + values.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(", ")));
    }
}
