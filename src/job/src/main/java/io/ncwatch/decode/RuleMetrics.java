package io.ncwatch.decode;

import io.ncwatch.rules.CompiledRule;
import io.ncwatch.rules.Judgements;
import io.ncwatch.rules.RuleMetricGroup;
import java.util.List;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Per single-event rule: the events it judged, those it matched, and the time spent judging. Only one
 * evaluation in {@link #TIMED_ONE_IN} is timed, its duration counted that many times: reading the clock
 * twice per rule and event would cost about as much as the evaluations themselves.
 */
final class RuleMetrics implements Judgements {
    static final int TIMED_ONE_IN = 64;

    private final Counter[] judged;
    private final Counter[] matched;
    private final Counter[] evaluationNanos;

    RuleMetrics(List<CompiledRule> rules, MetricGroup operator) {
        judged = new Counter[rules.size()];
        matched = new Counter[rules.size()];
        evaluationNanos = new Counter[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            MetricGroup group = RuleMetricGroup.of(operator, rules.get(i).rule().ruleId());
            judged[i] = group.counter("eventsJudged");
            matched[i] = group.counter("matches");
            evaluationNanos[i] = group.counter("evaluationNanos");
        }
    }

    @Override
    public boolean timesNext(int rule) {
        return judged[rule].getCount() % TIMED_ONE_IN == 0;
    }

    @Override
    public void judged(int rule, boolean matches, long nanos) {
        judged[rule].inc();
        if (matches) {
            matched[rule].inc();
        }
        evaluationNanos[rule].inc(nanos * TIMED_ONE_IN);
    }
}
