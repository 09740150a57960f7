package io.ncwatch.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ncwatch.record.Detection;
import io.ncwatch.record.SequenceEvent;
import io.ncwatch.record.Stage;
import io.ncwatch.record.Suppression;
import io.ncwatch.rules.AlertSuppression;
import io.ncwatch.rules.Rule;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * Reads the {@code group_by} values of the detections of rules with alert suppression and attaches them
 * ({@link Detection#suppression}); the suppression stage is keyed by them. A rule match reads its event;
 * a sequence the value all its members share (none when they differ, as Elastic's sequence alerts carry
 * only shared fields). Correlated stages are not suppressed: they are alerts of their own kind.
 */
public final class SuppressionTerms implements MapFunction<Detection, Detection> {
    private final Map<String, AlertSuppression> byRule;

    public SuppressionTerms(List<Rule> rules) {
        this.byRule = rules.stream().filter(rule -> rule.suppression() != null)
                .collect(Collectors.toUnmodifiableMap(Rule::ruleId, Rule::suppression));
    }

    /** Rules of the job with suppression; without, this stage is not needed. */
    public static boolean anyIn(List<Rule> rules) {
        return rules.stream().anyMatch(rule -> rule.suppression() != null);
    }

    /** Key of the group a detection belongs to; one of its own (its alert id) when it is not suppressed. */
    public static KeySelector<Detection, String> keys() {
        return detection -> detection.suppression == null ? "alert " + AlertId.of(detection)
                : detection.ruleId + " " + String.join(" ", nullsAsText(detection.suppression.values));
    }

    private static List<String> nullsAsText(String[] values) {
        return Arrays.stream(values).map(value -> value == null ? "-" : value).toList();
    }

    @Override
    public Detection map(Detection detection) {
        AlertSuppression suppression = byRule.get(detection.ruleId);
        if (suppression == null || !(Stage.RULE.equals(detection.stage) || Stage.SEQUENCE.equals(detection.stage))) {
            return detection;
        }
        String[] values = new String[suppression.groupBy().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(detection, suppression.groupBy().get(i));
            if (values[i] == null && !suppression.suppressMissing()) {
                return detection;
            }
        }
        detection.suppression = new Suppression(suppression.groupBy().toArray(String[]::new), values, 0, 0, 0);
        return detection;
    }

    /** The field's value as JSON, or null when absent (or, for a sequence, not the same in every member). */
    private static String value(Detection detection, String field) {
        if (detection.sequence == null) {
            return json(AlertDocument.parse(detection.event.raw), field);
        }
        String shared = null;
        for (SequenceEvent member : detection.sequence.events) {
            String value = json(AlertDocument.parse(member.raw), field);
            if (value == null || (shared != null && !Objects.equals(shared, value))) {
                return null;
            }
            shared = value;
        }
        return shared;
    }

    private static String json(ObjectNode event, String field) {
        JsonNode value = EventFields.find(event, field);
        return value == null ? null : value.toString();
    }
}
