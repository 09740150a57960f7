package io.ncwatch.job;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;

/**
 * docs/configuration.md: every setting of a job with its command-line option, default and description,
 * written from the declared settings, as the job's usage text is.
 */
final class ConfigurationReference {
    static final Path FILE = Path.of("docs/configuration.md");

    private ConfigurationReference() {}

    static String markdown() {
        Map<String, JobOptions.SettingOption> options = JobOptions.SETTING_OPTIONS.stream()
                .collect(Collectors.toMap(option -> option.setting().key(), Function.identity()));
        StringBuilder table = new StringBuilder("""
                # Configuration reference

                <!-- Written from the settings the code declares (JobConfig.options()); ConfigurationReferenceTest
                     fails when this file is stale and says how to write it again. -->

                A job is a folder: `jobs/<name>/job.yaml`, its rule files, `samples/`. Every key is optional:
                an empty file is a valid job. Command-line options (of `ncwatch run` and of the job jar, see
                `--help`) override the file; `--set KEY=VALUE` sets any key, after the named options.
                Durations are written as `500ms`, `5s`, `10min`, `1h`; lists in job.yaml as YAML lists, on
                the command line separated by `;`.

                | key | option | default | meaning |
                |---|---|---|---|
                """);
        for (ConfigOption<?> setting : JobConfig.options()) {
            JobOptions.SettingOption option = options.get(setting.key());
            String optionName = option == null ? ""
                    : "`" + option.name() + (option.label() == null ? "" : " " + option.label()) + "`";
            String defaultValue = setting.hasDefaultValue() ? "`" + SettingText.defaultValue(setting) + "`" : "none";
            String row = "| " + String.join(" | ", "`" + setting.key() + "`", optionName, defaultValue,
                    SettingText.description(setting).replace("|", "\\|")) + " |";
            table.append(row.replace("|  |", "| |")).append('\n');
        }
        return table.toString();
    }
}
