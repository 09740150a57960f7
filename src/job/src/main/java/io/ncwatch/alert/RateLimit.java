package io.ncwatch.alert;

import io.ncwatch.record.Detection;
import io.ncwatch.rules.Rule;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes at most {@link AlertWindow#max} detections per window of event time and holds back the rest,
 * counting them: Elastic's {@code max_signals} per rule (Kibana raises at most that many alerts per run
 * of a rule), and the job's own limit. Keyed by {@link #keys window}: the count is keyed state, so it
 * holds through checkpoints and restarts, and it is released when the watermark passes the window's end.
 * A detection that arrives after that (later than the watermark allows) starts a new count.
 */
public final class RateLimit extends KeyedProcessFunction<String, Detection, Detection> {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimit.class);

    /** The window that counts a detection. */
    @FunctionalInterface
    public interface Windows extends Serializable {
        AlertWindow of(Detection detection);
    }

    private final Windows windows;
    private final String heldBackCounter;

    private transient ValueState<Integer> passed;
    private transient Counter heldBack;

    /** @param heldBackCounter the name of the counter, in metric group {@code ncwatch}, of what is held back */
    public RateLimit(Windows windows, String heldBackCounter) {
        this.windows = windows;
        this.heldBackCounter = heldBackCounter;
    }

    /**
     * Each rule's {@code max_signals} per its {@code interval}; Kibana's defaults for a rule the job did not
     * start with (one its rules topic added).
     */
    public static Windows perRule(List<Rule> rules) {
        Map<String, AlertWindow> byRule = rules.stream().collect(Collectors.toUnmodifiableMap(Rule::ruleId,
                rule -> new AlertWindow("rule " + rule.ruleId() + " (max_signals)", rule.maxSignals(), rule.interval().toMillis())));
        return detection -> byRule.getOrDefault(detection.ruleId, new AlertWindow("rule " + detection.ruleId
                + " (Kibana's default max_signals)", Rule.DEFAULT_MAX_SIGNALS, Rule.DEFAULT_INTERVAL.toMillis()));
    }

    /** The job's limit, over the alerts of all its rules. */
    public static Windows perJob(AlertSettings settings) {
        AlertWindow window = new AlertWindow("the job (" + AlertSettings.MAX_PER_WINDOW.key() + ")", settings.maxPerWindow(), settings.window().toMillis());
        return detection -> window;
    }

    /** The key to partition detections by before this function: their window. */
    public static KeySelector<Detection, String> keys(Windows windows) {
        return detection -> windows.of(detection).keyOf(detection.timestamp());
    }

    @Override
    public void open(OpenContext openContext) {
        passed = getRuntimeContext().getState(new ValueStateDescriptor<>("passed", Types.INT));
        heldBack = getRuntimeContext().getMetricGroup().addGroup("ncwatch").counter(heldBackCounter);
    }

    @Override
    public void processElement(Detection detection, Context context, Collector<Detection> out) throws Exception {
        AlertWindow window = windows.of(detection);
        Integer count = passed.value();
        if (count == null) {
            count = 0;
            context.timerService().registerEventTimeTimer(window.end(detection.timestamp()) - 1);
        }
        if (count < window.max()) {
            passed.update(count + 1);
            out.collect(detection);
            return;
        }
        if (count == window.max()) {
            // once per window: the operator learns that the limit cuts alerts, the counter says how many
            passed.update(count + 1);
            LOG.warn("{}: {} alerts in the window from {}: further alerts of it are held back ({})",
                    window.scope(), window.max(), Instant.ofEpochMilli(window.start(detection.timestamp())), heldBackCounter);
        }
        heldBack.inc();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<Detection> out) {
        passed.clear();
    }
}
