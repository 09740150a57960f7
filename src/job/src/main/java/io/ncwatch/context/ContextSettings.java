package io.ncwatch.context;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The per-container process table.
 *
 * @param releaseGrace event time a process stays known after its end event (for late children)
 * @param ttl a process unused this long (processing time) is forgotten: for ends that never come
 * @param maxProcesses processes kept per container; beyond, the oldest are evicted
 */
public record ContextSettings(Duration releaseGrace, Duration ttl, int maxProcesses) implements Serializable {

    public static final ConfigOption<Duration> RELEASE_GRACE = ConfigOptions.key("context.release-grace")
            .durationType().defaultValue(Duration.ofSeconds(30))
            .withDescription("event time an ended process stays known, for its late children");
    public static final ConfigOption<Duration> TTL = ConfigOptions.key("context.ttl")
            .durationType().defaultValue(Duration.ofHours(24))
            .withDescription("a process unused this long (processing time) is forgotten: for ends that never arrive");
    public static final ConfigOption<Integer> MAX_PROCESSES = ConfigOptions.key("context.max-processes")
            .intType().defaultValue(1024)
            .withDescription("processes kept per container; beyond, the oldest are evicted");

    public ContextSettings {
        if (maxProcesses < 1) {
            throw new IllegalArgumentException(MAX_PROCESSES.key() + " must be at least 1, got " + maxProcesses);
        }
    }

    /** The settings of this record, in the order the configuration reference lists them. */
    public static List<ConfigOption<?>> options() {
        return List.of(RELEASE_GRACE, TTL, MAX_PROCESSES);
    }

    public static ContextSettings from(ReadableConfig config) {
        return new ContextSettings(config.get(RELEASE_GRACE), config.get(TTL), config.get(MAX_PROCESSES));
    }
}
