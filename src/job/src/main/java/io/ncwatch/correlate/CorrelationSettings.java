package io.ncwatch.correlate;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The listener correlation.
 *
 * @param listenerRules ids of the rules whose detections are netcat listeners; null: every rule of the job
 * @param window how long after a listener its accepted connections and shell count
 */
public record CorrelationSettings(List<String> listenerRules, Duration window) implements Serializable {

    public static final ConfigOption<List<String>> LISTENER_RULES = ConfigOptions.key("correlation.listener-rules")
            .stringType().asList().noDefaultValue()
            .withDescription("ids of the rules whose detections are listeners; none given: every rule of the job");
    public static final ConfigOption<Duration> WINDOW = ConfigOptions.key("correlation.window")
            .durationType().defaultValue(Duration.ofMinutes(10))
            .withDescription("how long after a listener its accepted connections and shell count");

    public CorrelationSettings {
        listenerRules = listenerRules == null ? null : List.copyOf(listenerRules);
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException(WINDOW.key() + " must be positive, got " + window);
        }
    }

    /** The settings of this record, in the order the configuration reference lists them. */
    public static List<ConfigOption<?>> options() {
        return List.of(LISTENER_RULES, WINDOW);
    }

    public static CorrelationSettings from(ReadableConfig config) {
        return new CorrelationSettings(config.get(LISTENER_RULES), config.get(WINDOW));
    }
}
