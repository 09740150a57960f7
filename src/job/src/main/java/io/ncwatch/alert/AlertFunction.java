package io.ncwatch.alert;

import io.ncwatch.record.Alert;
import io.ncwatch.record.Detection;
import io.ncwatch.rules.Rule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Builds the alert document of each detection, a sequence's too; {@code event.created} is the time it is
 * built. A suppressed detection gives the update of the alert that keeps its group instead.
 */
public class AlertFunction extends RichMapFunction<Detection, Alert> {
    private final List<Rule> rules;
    private final String ruleset;
    private final String namespace;

    private transient Map<String, Rule> rulesById;
    private transient AlertDocument document;
    private transient SequenceAlertDocument sequences;
    private transient Counter alertsEmitted;

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
    }

    @Override
    public Alert map(Detection detection) {
        if (detection.suppression != null && detection.suppression.keptAlertId != null) {
            Alert update = new Alert(detection.suppression.keptAlertId, SuppressionUpdateDocument.json(detection.suppression));
            update.suppressionUpdate = true;
            return update;
        }
        Rule rule = rulesById.get(detection.ruleId);
        Alert alert = detection.sequence != null
                ? sequences.build(rule, detection, Instant.now())
                : document.build(rule, detection, Instant.now());
        alertsEmitted.inc();
        return alert;
    }
}
