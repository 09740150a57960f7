package io.ncwatch.cli;

import io.ncwatch.connector.elasticsearch.ElasticsearchSettings;
import io.ncwatch.connector.kafka.KafkaSettings;
import io.ncwatch.job.CommandLineStyle;
import io.ncwatch.job.ElasticsearchHunt;
import io.ncwatch.job.HuntScope;
import io.ncwatch.job.JobConfig;
import io.ncwatch.job.JobFailure;
import io.ncwatch.job.JobOptions;
import io.ncwatch.job.JobRules;
import io.ncwatch.job.LocalRun;
import io.ncwatch.job.NcwatchJob;
import io.ncwatch.job.SampleRun;
import io.ncwatch.rules.Rule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.runtime.client.JobExecutionException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ncwatch run}: with no service named, runs the job in this process over its bundled samples
 * and prints the alerts; with {@code --kafka} or {@code --es}, runs it against those services.
 */
public final class RunCommand {

    /** The exit status of a job that failed more often than its restarts allow. */
    static final int FAILED = 1;

    private RunCommand() {}

    static CommandSpec spec() {
        FromElasticsearchOptions history = new FromElasticsearchOptions();
        CommandSpec spec = JobOptions.command("run",
                "ncwatch run [--job DIR] [--from-es URL --index PATTERN --from TIME [--to TIME]] [options]",
                options -> run(options, history),
                "run the detection job: over the bundled samples, or --kafka HOST:PORT --es URL",
                "With neither --kafka, --es nor --from-es, the job runs in this process over DIR/samples/*.jsonl and"
                        + " prints the alerts; else against those services. With --from-es, the events are the"
                        + " documents of an index in a time range, and the run ends when they are read.");
        spec.addMixin("from-es", CommandSpec.forAnnotatedObject(history));
        return spec;
    }

    private static int run(JobOptions options, FromElasticsearchOptions history) throws Exception {
        Path jobDirectory = options.jobDirectory() != null ? options.jobDirectory() : defaultJob();
        HuntScope scope;
        try {
            scope = history.scope();
        } catch (IllegalArgumentException e) {
            System.err.println("ncwatch run: " + e.getMessage());
            return CommandLineStyle.USAGE;
        }
        boolean services = scope != null || options.overrides().containsKey(KafkaSettings.BOOTSTRAP_SERVERS.key())
                || options.overrides().containsKey(ElasticsearchSettings.URL.key());
        Map<String, String> overrides = new LinkedHashMap<>();
        if (!services) {
            overrides.put(JobConfig.Outputs.ELASTICSEARCH.key(), "false");
            overrides.put(JobConfig.Outputs.KAFKA.key(), "false");
            overrides.put(JobConfig.Outputs.STDOUT.key(),
                    Boolean.toString(!options.overrides().containsKey(JobConfig.Outputs.FILE.key())));
            // A bounded job ends with a final checkpoint, taken at the next interval: keep the wait short.
            overrides.put(JobConfig.Checkpoints.INTERVAL.key(), "1s");
        }
        overrides.putAll(options.overrides());
        JobConfig config;
        try {
            config = JobConfig.load(jobDirectory, overrides);
        } catch (IllegalArgumentException e) {
            System.err.println("ncwatch run: " + e.getMessage());
            return CommandLineStyle.USAGE;
        }
        try {
            if (services) {
                System.err.println("ncwatch run: " + (scope == null ? describe(config) : describe(config, scope)));
                long start = System.nanoTime();
                if (scope == null) {
                    NcwatchJob.runJob(config, LocalRun.flinkSettings(config));
                } else {
                    List<Rule> rules = JobRules.load(config.ruleFiles(), config.eql(),
                            notice -> System.err.println("ncwatch run: " + notice));
                    ElasticsearchHunt.run(config, rules, scope, LocalRun.flinkSettings(config));
                }
                System.err.printf(Locale.ROOT, "ncwatch run: finished in %.1f s%n", (System.nanoTime() - start) / 1e9);
            } else {
                SampleRun.run(config, jobDirectory.resolve("samples"));
            }
        } catch (JobExecutionException e) {
            System.err.println("ncwatch run: the job stopped after " + restarts(config) + ": " + JobFailure.describe(e));
            return FAILED;
        }
        return 0;
    }

    private static String restarts(JobConfig config) {
        int restarts = LocalRun.restarts(config);
        return restarts == 1 ? "1 restart" : restarts + " restarts";
    }

    /** What a run against services reads and where its alerts go, in one line; no credentials. */
    static String describe(JobConfig config) {
        JobConfig.Kafka kafka = config.kafka();
        JobConfig.Topics topics = kafka.topics();
        return "reading " + topics.process() + (topics.network().isEmpty() ? "" : " and " + topics.network())
                + " at " + kafka.bootstrapServers()
                + (kafka.bounded() ? " up to their current end" : " until stopped")
                + "; alerts to " + outputs(config);
    }

    /** What a run over Elasticsearch reads and where its alerts go, in one line; no credentials. */
    static String describe(JobConfig config, HuntScope scope) {
        return "reading " + scope.index() + " at " + withoutCredentials(scope.url()) + " from " + scope.from()
                + " to " + scope.to() + "; alerts to " + outputs(config);
    }

    private static String withoutCredentials(String url) {
        return url.replaceAll("//[^/@]*@", "//");
    }

    private static String outputs(JobConfig config) {
        JobConfig.Topics topics = config.kafka().topics();
        List<String> outputs = new ArrayList<>();
        if (config.outputs().elasticsearch()) {
            outputs.add(config.elasticsearch().alertsIndex() + " at "
                    + withoutCredentials(config.elasticsearch().connection().url()));
        }
        if (config.outputs().kafka()) {
            outputs.add("Kafka topic " + topics.alerts());
        }
        if (config.outputs().stdout()) {
            outputs.add("stdout");
        }
        if (config.outputs().file() != null) {
            outputs.add(config.outputs().file());
        }
        return outputs.isEmpty() ? "nowhere" : String.join(", ", outputs);
    }

    /** The flagship job of the checkout that {@code bin/ncwatch} runs from, else of the working directory. */
    private static Path defaultJob() {
        String home = System.getProperty("ncwatch.home");
        return home == null ? NcwatchJob.DEFAULT_JOB : Path.of(home).resolve(NcwatchJob.DEFAULT_JOB);
    }
}
