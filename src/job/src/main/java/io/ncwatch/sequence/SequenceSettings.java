package io.ncwatch.sequence;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The sequence stage.
 *
 * @param defaultHorizon how long a sequence without {@code maxspan} stays open: its {@code maxspan} in the job
 */
public record SequenceSettings(Duration defaultHorizon) implements Serializable {

    // Kibana searches a rule's last 6 minutes every 5 minutes, so a sequence longer than that never matched there either.
    public static final ConfigOption<Duration> DEFAULT_HORIZON = ConfigOptions.key("sequence.default-horizon")
            .durationType().defaultValue(Duration.ofMinutes(10))
            .withDescription("the maxspan of a sequence rule that has none: state is never kept longer");

    public SequenceSettings {
        if (defaultHorizon.isZero() || defaultHorizon.isNegative()) {
            throw new IllegalArgumentException(DEFAULT_HORIZON.key() + " must be positive, got " + defaultHorizon);
        }
    }

    /** The settings of this record, in the order the configuration reference lists them. */
    public static List<ConfigOption<?>> options() {
        return List.of(DEFAULT_HORIZON);
    }

    public static SequenceSettings from(ReadableConfig config) {
        return new SequenceSettings(config.get(DEFAULT_HORIZON));
    }
}
