package io.ncwatch.cli;

import io.ncwatch.connector.elasticsearch.ElasticsearchSettings;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.runtime.client.JobExecutionException;
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

    @Option(names = "--es", paramLabel = "URL", description = {"hunt over the documents of this Elasticsearch"
            + " instead of a file (credentials and TLS: the elasticsearch.* settings of --job)"})
    String url;

    @Option(names = "--index", paramLabel = "PATTERN", description = "with --es: the index, data stream or pattern, e.g. logs-cloud_defend.process-*")
    String index;

    @Option(names = "--from", paramLabel = "TIME", description = "with --es: the first @timestamp read, ISO-8601 (2026-01-01T00:00:00Z)")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "with --es: the end of the range, not included (default: now)")
    String to;

    @Option(names = "--job", paramLabel = "DIR", description = "with --es: the job folder whose rules and settings run (instead of --rule or --query)")
    Path job;

    @Option(names = "--alerts", description = "with --es: write the alerts to the alerts data stream too, with the live job's ids")
    boolean alerts;

    @Option(names = "--slices", paramLabel = "N", description = "with --es: time slices the readers share (default ${DEFAULT-VALUE})")
    int slices = 8;

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
        if (index == null || from == null) {
            throw new ParameterException(spec.commandLine(), "--es needs --index PATTERN and --from TIME");
        }
        HuntScope scope;
        try {
            scope = new HuntScope(index, Instant.parse(from), to == null ? Instant.now() : Instant.parse(to),
                    tiebreaker == null ? HuntScope.EVENT_ID : tiebreaker, slices);
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "--from and --to take ISO-8601 times such as"
                    + " 2026-01-01T00:00:00Z, got " + e.getParsedString());
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
            err.printf(Locale.ROOT, "ncwatch hunt: %,d documents in %s from %s to %s; alerts to stdout%s%n", total, index,
                    scope.from(), scope.to(), alerts ? " and " + config.elasticsearch().alertsIndex() : "");
            long start = System.nanoTime();
            ElasticsearchHunt.run(config, hunted, scope, LocalRun.flinkSettings(config));
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
