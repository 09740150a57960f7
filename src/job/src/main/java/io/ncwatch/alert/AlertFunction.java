package io.ncwatch.alert;

import io.ncwatch.record.Alert;
import io.ncwatch.record.Detection;
import io.ncwatch.rules.Rule;
import io.ncwatch.rules.RuleMetricGroup;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/** Builds the alert document of each detection, a sequence's too; {@code event.created} is the time it is built. */
public class AlertFunction extends RichMapFunction<Detection, Alert> {
    private final List<Rule> rules;
    private final String ruleset;
    private final String namespace;

    private transient Map<String, Rule> rulesById;
    private transient AlertDocument document;
    private transient SequenceAlertDocument sequences;
    private transient Counter alertsEmitted;
    private transient Map<String, Counter> alertsByRule;

    /**
     * @param ruleset the job's name
     * @param namespace of the alerts data stream
     */
    public AlertFunction(List<Rule> rules, String ruleset, String namespace) {
        this.rules = List.copyOf(rules);
        this.ruleset = ruleset;
        this.namespace = namespace;
    }

    @Override
    public void open(OpenContext openContext) {
        rulesById = rules.stream().collect(Collectors.toMap(Rule::ruleId, Function.identity()));
        document = new AlertDocument(ruleset, namespace);
        sequences = new SequenceAlertDocument(document);
        alertsEmitted = getRuntimeContext().getMetricGroup().addGroup("ncwatch").counter("alertsEmitted");
        alertsByRule = rulesById.keySet().stream().collect(Collectors.toMap(Function.identity(),
                id -> RuleMetricGroup.of(getRuntimeContext().getMetricGroup(), id).counter("alerts")));
    }

    @Override
    public Alert map(Detection detection) {
        Rule rule = rulesById.get(detection.ruleId);
        Alert alert = detection.sequence != null
                ? sequences.build(rule, detection.sequence, Instant.now())
                : document.build(rule, detection, Instant.now());
        alertsEmitted.inc();
        alertsByRule.get(detection.ruleId).inc();
        return alert;
    }
}
