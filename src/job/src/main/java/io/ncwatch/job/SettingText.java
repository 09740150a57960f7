package io.ncwatch.job;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.TextElement;
import org.apache.flink.util.TimeUtils;

/** A setting as people read it, the same in the usage text and in docs/configuration.md. */
final class SettingText {

    private SettingText() {}

    /** The setting's description: settings are described in plain text only. */
    static String description(ConfigOption<?> setting) {
        return setting.description().getBlocks().stream()
                .map(block -> ((TextElement) block).getFormat())
                .collect(Collectors.joining(" "));
    }

    /** The default as job.yaml would write it, or {@code none}. */
    static String defaultValue(ConfigOption<?> setting) {
        if (!setting.hasDefaultValue()) {
            return "none";
        }
        Object value = setting.defaultValue();
        if (value instanceof Duration duration) {
            return TimeUtils.formatWithHighestUnit(duration).replace(" ", "");
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        if ("".equals(value)) {
            return "\"\"";
        }
        return String.valueOf(value);
    }
}
