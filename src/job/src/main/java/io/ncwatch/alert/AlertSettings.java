package io.ncwatch.alert;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The job's own rate limit, over the alerts of all its rules (each rule has its {@code max_signals} too).
 *
 * @param maxPerWindow the most alerts per window; null: no limit of the job's
 */
public record AlertSettings(Integer maxPerWindow, Duration window) implements Serializable {

    public static final ConfigOption<Integer> MAX_PER_WINDOW = ConfigOptions.key("alerts.max-per-window")
            .intType().noDefaultValue()
            .withDescription("the most alerts the job raises per window of event time, all rules together; the rest are"
                    + " held back and counted (alertsHeldBackByJob); none: only each rule's max_signals limits");
    public static final ConfigOption<Duration> WINDOW = ConfigOptions.key("alerts.window")
            .durationType().defaultValue(Duration.ofMinutes(5))
            .withDescription("the window of alerts.max-per-window");

    public AlertSettings {
        if (maxPerWindow != null && maxPerWindow < 1) {
            throw new IllegalArgumentException(MAX_PER_WINDOW.key() + " must be at least 1, got " + maxPerWindow);
        }
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException(WINDOW.key() + " must be at least 1ms, got " + window);
        }
    }

    /** The settings of this record, in the order the configuration reference lists them. */
    public static List<ConfigOption<?>> options() {
        return List.of(MAX_PER_WINDOW, WINDOW);
    }

    public static AlertSettings from(ReadableConfig config) {
        return new AlertSettings(config.getOptional(MAX_PER_WINDOW).orElse(null), config.get(WINDOW));
    }
}
