package io.ncwatch.rules;

import org.apache.flink.metrics.MetricGroup;

/**
 * Where each stage keeps its figures of one rule: the group {@code ncwatch.rule} with the rule's id as
 * its value, which reporters turn into a label ({@code rule="<rule_id>"} in Prometheus), so that one
 * series name serves every rule.
 */
public final class RuleMetricGroup {
    private RuleMetricGroup() {}

    public static MetricGroup of(MetricGroup operator, String ruleId) {
        return operator.addGroup("ncwatch").addGroup("rule", ruleId);
    }
}
