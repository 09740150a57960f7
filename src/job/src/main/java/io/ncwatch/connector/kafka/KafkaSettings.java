package io.ncwatch.connector.kafka;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * How the Kafka sources and sinks reach the cluster and keep their guarantees.
 *
 * @param bounded read from the earliest offsets up to those that exist at the start, then finish
 * @param transactionalIdPrefix transactional ids must be unique per sink among all jobs writing to the cluster
 * @param transactionTimeout at most the broker's {@code transaction.max.timeout.ms} (15 min by default)
 * @param security authentication and encryption of every client of the job
 */
public record KafkaSettings(String bootstrapServers, String groupId, boolean bounded, String transactionalIdPrefix,
        Duration transactionTimeout, KafkaSecurity security) implements Serializable {

    public static final ConfigOption<String> BOOTSTRAP_SERVERS = ConfigOptions.key("kafka.bootstrap-servers")
            .stringType().defaultValue("localhost:9092")
            .withDescription("Kafka bootstrap servers, HOST:PORT[,HOST:PORT...]");
    public static final ConfigOption<String> GROUP_ID = ConfigOptions.key("kafka.group-id")
            .stringType().defaultValue("ncwatch")
            .withDescription("consumer group (offsets are also committed there for monitoring)");
    public static final ConfigOption<Boolean> BOUNDED = ConfigOptions.key("kafka.bounded")
            .booleanType().defaultValue(false)
            .withDescription("read up to the offsets that exist at start, then finish");
    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = ConfigOptions.key("kafka.transactional-id-prefix")
            .stringType().defaultValue("ncwatch")
            .withDescription("prefix of the sinks' transactional ids: unique per job on a Kafka cluster");
    // Below the broker's default transaction.max.timeout.ms (15 min), which rejects Flink's 1 h.
    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT = ConfigOptions.key("kafka.transaction-timeout")
            .durationType().defaultValue(Duration.ofMinutes(10))
            .withDescription("must be below the broker's transaction.max.timeout.ms (default 15 min)"
                    + " and above the checkpoint interval");

    /** The settings of this record, in the order the configuration reference lists them. */
    public static List<ConfigOption<?>> options() {
        return Stream.concat(Stream.<ConfigOption<?>>of(BOOTSTRAP_SERVERS, GROUP_ID, BOUNDED, TRANSACTIONAL_ID_PREFIX, TRANSACTION_TIMEOUT),
                KafkaSecurity.options().stream()).toList();
    }

    public static KafkaSettings from(ReadableConfig config) {
        return new KafkaSettings(config.get(BOOTSTRAP_SERVERS), config.get(GROUP_ID), config.get(BOUNDED),
                config.get(TRANSACTIONAL_ID_PREFIX), config.get(TRANSACTION_TIMEOUT), KafkaSecurity.from(config));
    }

    /** The properties every Kafka client of the job starts with: where the cluster is and how to reach it securely. */
    public Map<String, String> clientProperties() {
        return security.clientProperties(bootstrapServers);
    }
}
