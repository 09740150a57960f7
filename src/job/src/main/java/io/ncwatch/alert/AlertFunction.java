package io.ncwatch.alert;

import io.ncwatch.record.Alert;
import io.ncwatch.record.Detection;
import io.ncwatch.record.RuleUpdate;
import io.ncwatch.rules.LiveRules;
import io.ncwatch.rules.Rule;
import io.ncwatch.rules.RuleMetricGroup;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Builds the alert document of each detection, a sequence's too, keyed by rule; {@code event.created} is
 * the time it is built. The rule an alert describes is its last version, though it was removed while the
 * detection was on its way. A detection of a rule the rules topic added can come before the update does
 * (they travel apart): it waits in state for it. A suppressed detection gives the update of the alert that
 * keeps its group instead.
 */
public class AlertFunction extends KeyedBroadcastProcessFunction<String, Detection, RuleUpdate, Alert> {
    private static final ListStateDescriptor<Detection> AHEAD_OF_THEIR_RULE =
            new ListStateDescriptor<>("ahead-of-their-rule", TypeInformation.of(Detection.class));

    private final LiveRules rules;
    private final String ruleset;
    private final String namespace;

    /** By id; null when the rules changed since they were last read. */
    private transient Map<String, Rule> versions;
    private transient ListState<Detection> aheadOfTheirRule;
    private transient AlertDocument document;
    private transient SequenceAlertDocument sequences;
    private transient Counter alertsEmitted;
    /** By rule id and name. */
    private transient Map<String, Counter> ruleCounters;

    /**
     * @param ruleset the job's name
     * @param namespace of the alerts data stream
     */
    public AlertFunction(LiveRules rules, String ruleset, String namespace) {
        this.rules = rules;
        this.ruleset = ruleset;
        this.namespace = namespace;
    }

    @Override
    public void open(OpenContext openContext) {
        aheadOfTheirRule = getRuntimeContext().getListState(AHEAD_OF_THEIR_RULE);
        document = new AlertDocument(ruleset, namespace);
        sequences = new SequenceAlertDocument(document);
        alertsEmitted = getRuntimeContext().getMetricGroup().addGroup("ncwatch").counter("alertsEmitted");
        ruleCounters = new HashMap<>();
    }

    @Override
    public void processElement(Detection detection, ReadOnlyContext context, Collector<Alert> out) throws Exception {
        if (detection.suppression != null && detection.suppression.keptAlertId != null) {
            Alert update = new Alert(detection.suppression.keptAlertId, SuppressionUpdateDocument.json(detection.suppression));
            update.suppressionUpdate = true;
            ruleCounter(detection.ruleId, "suppressed").inc();
            out.collect(update);
            return;
        }
        Rule rule = versions(context.getBroadcastState(LiveRules.TEXTS)).get(detection.ruleId);
        if (rule == null) {
            aheadOfTheirRule.add(detection);
        } else {
            out.collect(alert(rule, detection));
        }
    }

    @Override
    public void processBroadcastElement(RuleUpdate update, Context context, Collector<Alert> out) throws Exception {
        if (!rules.applyIfValid(update, context.getBroadcastState(LiveRules.TEXTS), context.getBroadcastState(LiveRules.REMOVED))) {
            return;
        }
        versions = null;
        Rule rule = versions(context.getBroadcastState(LiveRules.TEXTS)).get(update.ruleId);
        context.applyToKeyedState(AHEAD_OF_THEIR_RULE, (ruleId, waiting) -> {
            if (ruleId.equals(update.ruleId) && rule != null) {
                for (Detection detection : waiting.get()) {
                    out.collect(alert(rule, detection));
                }
                waiting.clear();
            }
        });
    }

    private Map<String, Rule> versions(ReadOnlyBroadcastState<String, byte[]> texts) throws Exception {
        if (versions == null) {
            versions = rules.lastVersions(texts);
        }
        return versions;
    }

    private Alert alert(Rule rule, Detection detection) {
        Alert alert = detection.sequence != null
                ? sequences.build(rule, detection, Instant.now())
                : document.build(rule, detection, Instant.now());
        alertsEmitted.inc();
        ruleCounter(rule.ruleId(), "alerts").inc();
        return alert;
    }

    /** The counter NAME of rule RULE_ID, made on first use. */
    private Counter ruleCounter(String ruleId, String name) {
        return ruleCounters.computeIfAbsent(ruleId + "/" + name,
                key -> RuleMetricGroup.of(getRuntimeContext().getMetricGroup(), ruleId).counter(name));
    }
}
