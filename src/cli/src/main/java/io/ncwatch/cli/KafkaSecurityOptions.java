package io.ncwatch.cli;

import io.ncwatch.connector.kafka.KafkaSecurity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How a command that writes to Kafka outside a job authenticates: the job's own security keys, by {@code --set}. */
final class KafkaSecurityOptions {
    private static final List<String> KEYS = KafkaSecurity.options().stream().map(ConfigOption::key).toList();

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "a Kafka security setting, as in job.yaml: kafka.security.protocol, kafka.sasl.mechanism,"
                    + " kafka.sasl.username, kafka.sasl.password (env:VARIABLE or file:PATH), kafka.tls.truststore,"
                    + " kafka.tls.truststore-type")
    Map<String, String> settings = new LinkedHashMap<>();

    /** The properties of a Kafka client of {@code bootstrapServers} with these settings. */
    Map<String, String> clientProperties(String bootstrapServers) {
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ParameterException(spec.commandLine(), "--set takes one of " + KEYS + ", not " + key);
            }
        }
        try {
            return KafkaSecurity.from(Configuration.fromMap(settings)).clientProperties(bootstrapServers);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
