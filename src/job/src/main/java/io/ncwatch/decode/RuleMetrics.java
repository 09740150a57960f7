package io.ncwatch.decode;

import io.ncwatch.rules.CompiledRule;
import io.ncwatch.rules.Judgements;
import io.ncwatch.rules.RuleMetricGroup;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Per single-event rule of an operator: the events it judged, those it matched, and the time spent
 * judging. A rule's series are made the first time the operator runs it and kept when the rule set
 * changes. Only one evaluation in {@link #TIMED_ONE_IN} is timed, its duration counted that many times:
 * reading the clock twice per rule and event would cost about as much as the evaluations themselves.
 */
final class RuleMetrics {
    static final int TIMED_ONE_IN = 64;

    /** A rule's counters. */
    private record Series(Counter judged, Counter matched, Counter evaluationNanos) {}

    private final MetricGroup operator;
    private final Map<String, Series> byRule = new HashMap<>();

    RuleMetrics(MetricGroup operator) {
        this.operator = operator;
    }

    /** What counts the judgements of {@code rules}, by their positions in the list. */
    Judgements of(List<CompiledRule> rules) {
        Series[] series = new Series[rules.size()];
        for (int i = 0; i < series.length; i++) {
            series[i] = byRule.computeIfAbsent(rules.get(i).rule().ruleId(), id -> {
                MetricGroup group = RuleMetricGroup.of(operator, id);
                return new Series(group.counter("eventsJudged"), group.counter("matches"), group.counter("evaluationNanos"));
            });
        }
        return new Judgements() {
            @Override
            public boolean timesNext(int rule) {
                return series[rule].judged().getCount() % TIMED_ONE_IN == 0;
            }

            @Override
            public void judged(int rule, boolean matches, long nanos) {
                series[rule].judged().inc();
                if (matches) {
                    series[rule].matched().inc();
                }
                series[rule].evaluationNanos().inc(nanos * TIMED_ONE_IN);
            }
        };
    }
}
