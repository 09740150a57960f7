package io.ncwatch.job;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command-line options of the job ({@code NcwatchJob} and {@code ncwatch run}): the job folder and
 * overrides of its job.yaml. Each option names one setting; {@code --set path=value} reaches any other.
 *
 * @param jobDirectory the folder with job.yaml and the rule files, or null when not given
 * @param overrides dotted job.yaml paths to values, in the order given
 */
public record JobOptions(Path jobDirectory, Map<String, String> overrides) {

    /** Option name to the job.yaml path it sets. */
    private static final Map<String, String> SETTINGS = Map.ofEntries(
            Map.entry("--kafka", "kafka.bootstrap-servers"),
            Map.entry("--group-id", "kafka.group-id"),
            Map.entry("--process-topic", "kafka.topics.process"),
            Map.entry("--network-topic", "kafka.topics.network"),
            Map.entry("--alerts-topic", "kafka.topics.alerts"),
            Map.entry("--deadletter-topic", "kafka.topics.deadletter"),
            Map.entry("--es", "elasticsearch.url"),
            Map.entry("--namespace", "elasticsearch.namespace"),
            Map.entry("--rules", "rules"),
            Map.entry("--output", "outputs.file"),
            Map.entry("--checkpoint-interval", "checkpoints.interval"),
            Map.entry("--out-of-orderness", "event-time.out-of-orderness"),
            Map.entry("--idleness", "event-time.idleness"),
            Map.entry("--state-backend", "state-backend"),
            Map.entry("--parallelism", "parallelism"),
            Map.entry("--max-parallelism", "max-parallelism"));

    private static final Map<String, String> FLAGS = Map.of(
            "--bounded", "kafka.bounded",
            "--print", "outputs.stdout");

    public static final String USAGE = """
            options (each overrides job.yaml):
              --job DIR                  job folder with job.yaml and rule files (default: jobs/netcat-listener)
              --kafka HOST:PORT          Kafka bootstrap servers
              --process-topic T          process events (default ncwatch.process-events)
              --network-topic T          network events (default ncwatch.network-events; "" for none)
              --alerts-topic T           alerts (default ncwatch.alerts)
              --deadletter-topic T       rejected input (default ncwatch.deadletter)
              --group-id ID              Kafka consumer group
              --bounded                  read up to the offsets that exist at start, then finish
              --es URL                   Elasticsearch
              --namespace NS             data stream namespace (logs-ncwatch.alerts-NS)
              --rules FILE               a rule file instead of the job's
              --print                    also print alerts on stdout as JSON lines
              --output FILE              also write alerts to FILE as JSON lines
              --checkpoint-interval D    e.g. 10s
              --out-of-orderness D       e.g. 5s
              --idleness D               e.g. 30s
              --state-backend B          hashmap | rocksdb
              --parallelism N, --max-parallelism N
              --set PATH=VALUE           any job.yaml setting, e.g. --set kafka.transaction-timeout=5min
            """;

    /** @throws IllegalArgumentException naming the option that is unknown or lacks its value */
    public static JobOptions parse(String[] args) {
        Path jobDirectory = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (FLAGS.containsKey(option)) {
                overrides.put(FLAGS.get(option), "true");
                continue;
            }
            if (!option.equals("--job") && !option.equals("--set") && !SETTINGS.containsKey(option)) {
                throw new IllegalArgumentException("unknown option " + option);
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--job" -> jobDirectory = Path.of(value);
                case "--set" -> {
                    int equals = value.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException("--set needs PATH=VALUE, got " + value);
                    }
                    overrides.put(value.substring(0, equals), value.substring(equals + 1));
                }
                // A rule file named on the command line is relative to where the command runs.
                case "--rules" -> overrides.put("rules", Path.of(value).toAbsolutePath().toString());
                default -> overrides.put(SETTINGS.get(option), value);
            }
        }
        return new JobOptions(jobDirectory, overrides);
    }
}
