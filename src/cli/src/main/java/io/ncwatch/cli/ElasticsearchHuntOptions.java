package io.ncwatch.cli;

import io.ncwatch.connector.elasticsearch.ElasticsearchSettings;
import io.ncwatch.decode.DecodeFunction;
import io.ncwatch.job.CommandLineStyle;
import io.ncwatch.job.ElasticsearchHunt;
import io.ncwatch.job.HuntScope;
import io.ncwatch.job.JobConfig;
import io.ncwatch.job.JobFailure;
import io.ncwatch.job.JobRules;
import io.ncwatch.job.LocalRun;
import io.ncwatch.rules.Rule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.client.JobExecutionException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code ncwatch hunt --es URL --index PATTERN --from T [--to T] (--rule FILE | --query EQL | --job DIR)}:
 * the job's own dataflow (rules, process context, correlation) over history in Elasticsearch, in this
 * process; its alerts as JSON lines on stdout and, with {@code --alerts}, in the alerts data stream.
 */
final class ElasticsearchHuntOptions {
    private static final int RAN = 0;
    private static final int FAILED = 1;
    /** How often a hunt prints its progress. */
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    @Option(names = "--es", paramLabel = "URL", description = {"hunt over the documents of this Elasticsearch"
            + " instead of a file (credentials and TLS: the elasticsearch.* settings of --job)"})
    String url;

    @Mixin
    HuntScopeOptions range;

    @Option(names = "--job", paramLabel = "DIR", description = "with --es: the job folder whose rules and settings run (instead of --rule or --query)")
    Path job;

    @Option(names = "--alerts", description = "with --es: write the alerts to the alerts data stream too, with the live job's ids")
    boolean alerts;

    boolean requested() {
        return url != null;
    }

    /**
     * Runs the hunt.
     *
     * @param rules the rules of {@code --rule} or {@code --query}; null when {@code --job} names them
     * @param tiebreaker hunt's {@code --tiebreaker}: a keyword field unique to every document, which orders
     *     those of one timestamp; null: {@code event.id}
     */
    int hunt(CommandSpec spec, List<Rule> rules, String tiebreaker, PrintStream err) {
        HuntScope scope;
        try {
            scope = range.scope("--es", url, tiebreaker);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        JobConfig config;
        List<Rule> hunted;
        try {
            config = job != null ? JobConfig.load(job, overrides()) : JobConfig.of(overrides());
            hunted = rules != null ? rules : JobRules.load(config.ruleFiles(), config.eql(), notice -> err.println("ncwatch hunt: " + notice));
        } catch (IllegalArgumentException e) {
            err.println("ncwatch hunt: " + e.getMessage());
            return CommandLineStyle.USAGE;
        }
        try {
            long total = ElasticsearchHunt.count(config, hunted, scope);
            err.printf(Locale.ROOT, "ncwatch hunt: %,d documents in %s from %s to %s; alerts to stdout%s%n", total, scope.index(),
                    scope.from(), scope.to(), alerts ? " and " + config.elasticsearch().alertsIndex() : "");
            long start = System.nanoTime();
            Configuration flink = LocalRun.flinkSettings(config);
            // Accumulators reach the client with the TaskManager's heartbeats: often enough for the progress line.
            flink.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, PROGRESS_INTERVAL);
            JobClient hunt = ElasticsearchHunt.start(config, hunted, scope, flink);
            awaitEnd(hunt, new HuntProgress(total), start, err);
            double seconds = (System.nanoTime() - start) / 1e9;
            err.printf(Locale.ROOT, "ncwatch hunt: read in %.1f s (%,.0f documents/s)%n", seconds, total / seconds);
            return RAN;
        } catch (JobExecutionException e) {
            err.println("ncwatch hunt: the hunt stopped: " + JobFailure.describe(e));
            return FAILED;
        } catch (IOException e) {
            err.println("ncwatch hunt: Elasticsearch at " + url + " did not answer: " + e.getMessage());
            return FAILED;
        } catch (Exception e) {
            err.println("ncwatch hunt: the hunt failed: " + e);
            return FAILED;
        }
    }

    /** Prints a progress line every {@link #PROGRESS_INTERVAL} until the hunt ends; throws its failure. */
    private static void awaitEnd(JobClient hunt, HuntProgress progress, long startNanos, PrintStream err)
            throws Exception {
        CompletableFuture<JobExecutionResult> result = hunt.getJobExecutionResult();
        while (true) {
            try {
                result.get(PROGRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                err.println(progress.line(documentsRead(hunt), Duration.ofNanos(System.nanoTime() - startNanos)));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                while (cause instanceof CompletionException && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                throw cause instanceof Exception failure ? failure : e;
            }
        }
    }

    /** The documents the hunt has read, as far as its client knows; 0 while it cannot tell. */
    private static long documentsRead(JobClient hunt) throws InterruptedException {
        try {
            return hunt.getAccumulators().get().get(DecodeFunction.EVENTS_IN) instanceof Long read ? read : 0;
        } catch (ExecutionException e) {
            // The job is between states (starting, restarting, finishing): the next line will tell.
            return 0;
        }
    }

    private Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put(ElasticsearchSettings.URL.key(), url);
        overrides.put(JobConfig.Outputs.ELASTICSEARCH.key(), Boolean.toString(alerts));
        overrides.put(JobConfig.Outputs.KAFKA.key(), "false");
        overrides.put(JobConfig.Outputs.STDOUT.key(), "true");
        // A bounded job ends with a final checkpoint, taken at the next interval: keep the wait short.
        overrides.put(JobConfig.Checkpoints.INTERVAL.key(), "1s");
        return overrides;
    }
}
