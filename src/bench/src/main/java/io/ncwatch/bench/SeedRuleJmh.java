package io.ncwatch.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** {@link SeedRuleBenchmark} run from the suite, with the settings of {@code bin/jmh} (or its {@code --quick}). */
final class SeedRuleJmh {
    /** One benchmark's score, events per second, and its error (99.9 % interval half-width). */
    record Score(String benchmark, double eventsPerSecond, double error) {}

    private SeedRuleJmh() {}

    static List<Score> run(boolean quick) throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(SeedRuleBenchmark.class.getName())
                .timeUnit(TimeUnit.SECONDS)
                .forks(1);
        if (quick) {
            options.warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(3)
                    .measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        List<Score> scores = new ArrayList<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark();
            scores.add(new Score(label.substring(label.lastIndexOf('.') + 1), result.getPrimaryResult().getScore(),
                    result.getPrimaryResult().getScoreError()));
        }
        return scores;
    }
}
