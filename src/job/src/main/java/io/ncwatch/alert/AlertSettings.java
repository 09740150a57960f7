package io.ncwatch.alert;

import io.ncwatch.rules.AlertSuppression;
import io.ncwatch.rules.Rule;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The job's own rate limit, over the alerts of all its rules (each rule has its {@code max_signals} too),
 * and the suppression of the rules that have none of their own.
 *
 * @param maxSignals whether each rule's {@code max_signals} per {@code interval} holds its alerts back
 * @param maxPerWindow the most alerts per window; null: no limit of the job's
 * @param suppression for every rule without {@code alert_suppression}; null: none
 */
public record AlertSettings(boolean maxSignals, Integer maxPerWindow, Duration window, AlertSuppression suppression)
        implements Serializable {

    public static final ConfigOption<Boolean> MAX_SIGNALS = ConfigOptions.key("alerts.max-signals")
            .booleanType().defaultValue(false)
            .withDescription("true: each rule raises at most its max_signals alerts per its interval of event time, as"
                    + " Kibana caps a rule's run, and the rest are held back and counted (alertsHeldBack); false: every"
                    + " alert of every rule is raised");
    public static final ConfigOption<Integer> MAX_PER_WINDOW = ConfigOptions.key("alerts.max-per-window")
            .intType().noDefaultValue()
            .withDescription("the most alerts the job raises per window of event time, all rules together; the rest are"
                    + " held back and counted (alertsHeldBackByJob); none: only each rule's max_signals limits");
    public static final ConfigOption<Duration> WINDOW = ConfigOptions.key("alerts.window")
            .durationType().defaultValue(Duration.ofMinutes(5))
            .withDescription("the window of alerts.max-per-window");
    public static final ConfigOption<List<String>> SUPPRESSION_GROUP_BY = ConfigOptions.key("alerts.suppression.group-by")
            .stringType().asList().noDefaultValue()
            .withDescription("fields whose values group the alerts of every rule that has no alert_suppression of its own,"
                    + " as if it had alert_suppression.group_by; none: such rules are not suppressed");
    public static final ConfigOption<Duration> SUPPRESSION_DURATION = ConfigOptions.key("alerts.suppression.duration")
            .durationType().defaultValue(Duration.ofMinutes(5))
            .withDescription("the duration of alerts.suppression.group-by's groups, in event time");
    public static final ConfigOption<Boolean> SUPPRESSION_SUPPRESS_MISSING = ConfigOptions.key("alerts.suppression.suppress-missing")
            .booleanType().defaultValue(true)
            .withDescription("alerts that lack a group-by field form one group (Elastic's missing_fields_strategy"
                    + " suppress); false: each is written (doNotSuppress)");

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
        return List.of(MAX_SIGNALS, MAX_PER_WINDOW, WINDOW, SUPPRESSION_GROUP_BY, SUPPRESSION_DURATION, SUPPRESSION_SUPPRESS_MISSING);
    }

    public static AlertSettings from(ReadableConfig config) {
        AlertSuppression suppression = config.getOptional(SUPPRESSION_GROUP_BY)
                .map(groupBy -> new AlertSuppression(groupBy, config.get(SUPPRESSION_DURATION), config.get(SUPPRESSION_SUPPRESS_MISSING)))
                .orElse(null);
        return new AlertSettings(config.get(MAX_SIGNALS), config.getOptional(MAX_PER_WINDOW).orElse(null), config.get(WINDOW),
                suppression);
    }

    /** {@code rules}, those without {@code alert_suppression} of their own with the job's, when it has one. */
    public List<Rule> suppressing(List<Rule> rules) {
        if (suppression == null) {
            return rules;
        }
        return rules.stream().map(rule -> rule.suppression() == null ? rule.withSuppression(suppression) : rule).toList();
    }
}
