package io.ncwatch.job;

import io.ncwatch.connector.elasticsearch.ElasticsearchSettings;
import io.ncwatch.connector.kafka.KafkaSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.ConfigOption;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The command-line options of the job ({@code NcwatchJob} and {@code ncwatch run}): the job folder and
 * overrides of its job.yaml. Each option sets one setting and its help is that setting's description and
 * default; {@code --set key=value} reaches any other, after the named options.
 *
 * @param jobDirectory the folder with job.yaml and the rule files, or null when not given
 * @param overrides job.yaml keys to values
 */
public record JobOptions(Path jobDirectory, Map<String, String> overrides) {

    /**
     * An option that sets one setting.
     *
     * @param label what the value is; null for a flag, which sets its boolean setting to true
     */
    record SettingOption(String name, String label, ConfigOption<?> setting) {}

    /** The settings people change most, as options, in the order of the usage text. */
    static final List<SettingOption> SETTING_OPTIONS = List.of(
            new SettingOption("--kafka", "HOST:PORT", KafkaSettings.BOOTSTRAP_SERVERS),
            new SettingOption("--process-topic", "TOPIC", JobConfig.Topics.PROCESS),
            new SettingOption("--network-topic", "TOPIC", JobConfig.Topics.NETWORK),
            new SettingOption("--audit-topic", "TOPIC", JobConfig.Topics.AUDIT),
            new SettingOption("--alerts-topic", "TOPIC", JobConfig.Topics.ALERTS),
            new SettingOption("--deadletter-topic", "TOPIC", JobConfig.Topics.DEADLETTER),
            new SettingOption("--group-id", "ID", KafkaSettings.GROUP_ID),
            new SettingOption("--bounded", null, KafkaSettings.BOUNDED),
            new SettingOption("--es", "URL", ElasticsearchSettings.URL),
            new SettingOption("--namespace", "NS", JobConfig.Elasticsearch.NAMESPACE),
            new SettingOption("--rules", "FILE", JobConfig.RULES),
            new SettingOption("--mapping", "FILE", JobConfig.MAPPING),
            new SettingOption("--print", null, JobConfig.Outputs.STDOUT),
            new SettingOption("--output", "FILE", JobConfig.Outputs.FILE),
            new SettingOption("--checkpoint-interval", "DURATION", JobConfig.Checkpoints.INTERVAL),
            new SettingOption("--out-of-orderness", "DURATION", JobConfig.EventTime.OUT_OF_ORDERNESS),
            new SettingOption("--idleness", "DURATION", JobConfig.EventTime.IDLENESS),
            new SettingOption("--state-backend", "BACKEND", JobConfig.STATE_BACKEND),
            new SettingOption("--parallelism", "N", JobConfig.PARALLELISM),
            new SettingOption("--max-parallelism", "N", JobConfig.MAX_PARALLELISM));

    /** What a command whose options are the job's does with them; returns the exit status. */
    @FunctionalInterface
    public interface Action {
        int run(JobOptions options) throws Exception;
    }

    /** The job.yaml of {@link #jobDirectory}, or of {@code defaultJob}, with the overrides applied. */
    public JobConfig load(Path defaultJob) {
        return JobConfig.load(jobDirectory == null ? defaultJob : jobDirectory, overrides);
    }

    /**
     * A command named {@code name} with the job's options and {@code --help}, which runs {@code action}.
     *
     * @param synopsis the usage line after "usage: "
     * @param description its lines; the first is the summary in a list of commands
     */
    public static CommandSpec command(String name, String synopsis, Action action, String... description) {
        JobCommand command = new JobCommand(action);
        command.spec = CommandSpec.wrapWithoutInspection(command).name(name);
        command.spec.usageMessage()
                .synopsisHeading("usage: ")
                .customSynopsis(synopsis)
                .descriptionHeading("%n")
                .sortOptions(false)
                .description(description)
                .optionListHeading("%noptions (each overrides job.yaml; every key: docs/configuration.md):%n");
        command.spec.addMixin("help", CommandSpec.forAnnotatedObject(new CommandLineStyle.Help()));
        command.spec.addOption(OptionSpec.builder("--job").paramLabel("DIR").type(Path.class)
                .description("job folder with job.yaml and rule files (default: " + NcwatchJob.DEFAULT_JOB + ")")
                .build());
        for (SettingOption option : SETTING_OPTIONS) {
            OptionSpec.Builder builder = OptionSpec.builder(option.name())
                    .description(SettingText.description(option.setting()),
                            option.setting().key() + ", default: " + SettingText.defaultValue(option.setting()));
            if (option.label() == null) {
                builder.arity("0").type(boolean.class);
            } else {
                builder.paramLabel(option.label()).type(String.class);
            }
            command.spec.addOption(builder.build());
        }
        command.spec.addOption(OptionSpec.builder("--set").paramLabel("KEY=VALUE").type(List.class)
                .auxiliaryTypes(String.class)
                .description("any job.yaml setting, e.g. --set kafka.transaction-timeout=5min")
                .build());
        return command.spec;
    }

    /** Reads the options of a command line: for tests and callers without a command of their own. */
    public static JobOptions parse(String... args) {
        CommandLine commandLine = new CommandLine(command("ncwatch-job", "", options -> 0));
        try {
            return of(commandLine, commandLine.parseArgs(args));
        } catch (ParameterException e) {
            throw new IllegalArgumentException(CommandLineStyle.message(e), e);
        }
    }

    private static JobOptions of(CommandLine commandLine, ParseResult parsed) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (SettingOption option : SETTING_OPTIONS) {
            if (parsed.hasMatchedOption(option.name())) {
                String value = option.label() == null ? "true" : parsed.matchedOptionValue(option.name(), "");
                // A rule or mapping file named on the command line is relative to where the command runs.
                boolean file = option.setting() == JobConfig.RULES || option.setting() == JobConfig.MAPPING;
                overrides.put(option.setting().key(), file ? Path.of(value).toAbsolutePath().toString() : value);
            }
        }
        for (String setting : parsed.matchedOptionValue("--set", List.<String>of())) {
            int equals = setting.indexOf('=');
            if (equals <= 0) {
                throw new ParameterException(commandLine, "--set needs KEY=VALUE, got " + setting);
            }
            overrides.put(setting.substring(0, equals), setting.substring(equals + 1));
        }
        return new JobOptions(parsed.matchedOptionValue("--job", null), overrides);
    }

    /** Runs an action with the options its command line was given. */
    private static final class JobCommand implements Callable<Integer> {
        private final Action action;
        private CommandSpec spec;

        JobCommand(Action action) {
            this.action = action;
        }

        @Override
        public Integer call() throws Exception {
            return action.run(of(spec.commandLine(), spec.commandLine().getParseResult()));
        }
    }
}
