package io.ncwatch.alert;

import io.ncwatch.record.Detection;
import io.ncwatch.record.Suppression;
import io.ncwatch.rules.Rule;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Elastic's alert suppression, in event time, keyed by rule and {@code group_by} values ({@link
 * SuppressionTerms#keys}): the first detection of a group passes at once and its alert keeps the group; one
 * within the rule's duration of it passes marked as suppressed ({@link Suppression#keptAlertId}), carrying the
 * kept alert's count and end after it: its alert is the update of the kept one. Both leave on one stream, so
 * the update reaches the sink after the alert it updates. The group is keyed state, so counts hold through
 * checkpoints and restarts; it is released when the watermark passes its duration. Detections without terms
 * pass unchanged.
 */
public final class SuppressionFunction extends KeyedProcessFunction<String, Detection, Detection> {
    private final Map<String, Long> durationByRule;

    private transient ValueState<SuppressedGroup> group;
    private transient Counter suppressed;

    public SuppressionFunction(List<Rule> rules) {
        this.durationByRule = rules.stream().filter(rule -> rule.suppression() != null)
                .collect(Collectors.toUnmodifiableMap(Rule::ruleId, rule -> rule.suppression().duration().toMillis()));
    }

    @Override
    public void open(OpenContext openContext) {
        group = getRuntimeContext().getState(new ValueStateDescriptor<>("suppression-group",
                TypeInformation.of(SuppressedGroup.class)));
        suppressed = getRuntimeContext().getMetricGroup().addGroup("ncwatch").counter("alertsSuppressed");
    }

    @Override
    public void processElement(Detection detection, Context context, Collector<Detection> out) throws Exception {
        if (detection.suppression == null) {
            out.collect(detection);
            return;
        }
        long time = detection.timestamp();
        SuppressedGroup kept = group.value();
        if (kept == null || time >= kept.expires) {
            kept = new SuppressedGroup(AlertId.of(detection), time, time + durationByRule.get(detection.ruleId));
            group.update(kept);
            context.timerService().registerEventTimeTimer(kept.expires);
            detection.suppression.start = time;
            detection.suppression.end = time;
            out.collect(detection);
            return;
        }
        kept.docsCount++;
        kept.end = Math.max(kept.end, time);
        group.update(kept);
        suppressed.inc();
        detection.suppression.keptAlertId = kept.alertId;
        detection.suppression.start = kept.start;
        detection.suppression.end = kept.end;
        detection.suppression.docsCount = kept.docsCount;
        out.collect(detection);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<Detection> out) throws Exception {
        SuppressedGroup kept = group.value();
        if (kept != null && timestamp >= kept.expires) {
            group.clear();
        }
    }
}
